@pipeline
Feature: When the provider cannot connect to the authority
  Seed 000's first failure class: the shop's provider cannot get a package to the tax authority at all — the authority
  refuses its T-VAN key, the provider was given a wrong address, or the shop's line is down. The cashier keeps selling:
  each sale gets its invoice and code at once. The provider keeps the package and sends the same one again, under the
  same message id, until it gets through; meanwhile its status says what is wrong, and the authority has nothing.
  Each scenario's provider sends as a T-VAN of the scenario's own, so the failures touch nothing else.

  Rule: A refused T-VAN key holds the invoice back until the key is right

    @control-plane @reference-provider
    Scenario: The authority refuses the provider's key and stores nothing
      Given the shop's provider is a T-VAN with a contract in force
      And the provider was set up with a wrong key for its T-VAN
      When the cashier sells a customer two iced coffees
      Then the customer's receipt carries an invoice code from the shop's block
      And the provider's status says the authority refused its T-VAN key
      And the invoice waits at the provider to be sent again
      And the authority has not stored the invoice

    @control-plane @reference-provider
    Scenario: Restarted with the right key, the provider delivers the waiting invoice
      Given the shop's provider is a T-VAN with a contract in force
      And the provider was set up with a wrong key for its T-VAN
      When the cashier sells a customer two iced coffees
      Then the invoice waits at the provider to be sent again
      When the provider is restarted with the T-VAN's right key
      Then the waiting package is delivered under the same message id
      And the provider's status shows no problem standing
      And the buyer finds the invoice at the authority with its code and total

    @control-plane @reference-provider
    Scenario: Once the authority knows the T-VAN's new key, the waiting invoice goes through
      Given the shop's provider is a T-VAN with a contract in force
      And the provider was set up with the T-VAN's new key, which the authority does not know yet
      When the cashier sells a customer two iced coffees
      Then the provider's status says the authority refused its T-VAN key
      And the invoice waits at the provider to be sent again
      When the authority registers the T-VAN's new key
      Then the waiting package is delivered under the same message id
      And the provider's status shows no problem standing
      And the provider's status names the resolved problem: "the T-VAN API key was refused"

  Rule: A wrong authority address holds the invoice back until the address is right

    @control-plane @reference-provider
    Scenario: The provider sends to an address where the authority takes no messages
      Given the shop's provider is a T-VAN with a contract in force
      And the provider was set up with a wrong address for the authority
      When the cashier sells a customer two iced coffees
      Then the provider's status says the authority has no such address
      And the invoice waits at the provider to be sent again
      And the authority has not stored the invoice
      When the provider is restarted with the authority's right address
      Then the waiting package is delivered under the same message id
      And the provider's status shows no problem standing

  Rule: While the network is down the invoices wait, and go once it is back

    @control-plane @reference-provider
    Scenario: The authority cannot be reached, then the line is back
      Given the shop's provider is a T-VAN with a contract in force
      And the shop reaches the authority over its internet line
      And the shop's internet line is down
      When the cashier sells a customer two iced coffees
      Then the provider's status says it cannot connect to the authority
      And the invoice waits at the provider to be sent again
      And the authority has not stored the invoice
      When the shop's internet line is back
      Then the waiting package is delivered under the same message id
      And the provider's status names the resolved problem: "cannot connect to"

    @control-plane @reference-provider
    Scenario: The shop keeps selling while the line is down
      Given the shop's provider is a T-VAN with a contract in force
      And the shop reaches the authority over its internet line
      When the cashier sells a customer two iced coffees
      Then the provider reports every invoice accepted by the authority
      When the shop's internet line goes down
      And the cashier makes 3 sales
      Then every invoice has its own code, numbered without a gap
      And the provider's status says it cannot connect to the authority
      When the shop's internet line is back
      Then the provider reports every invoice accepted by the authority
      And the authority stores every invoice
