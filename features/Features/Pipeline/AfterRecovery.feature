@pipeline
Feature: What the shop and the buyer see after a failure
  Once a failure is over, the shop's provider status shows no problem standing, names the one that was resolved and
  counts every invoice accepted. A buyer who looks an invoice up on the authority's page finds nothing while the
  authority has not got it, or refused it, and finds it once it has been delivered.

  Rule: The shop's status after recovery

    @control-plane @reference-provider
    Scenario: After the authority was overloaded, nothing stands and everything is accepted
      Given the shop's provider is a T-VAN with a contract in force
      And the authority answers HTTP 503 to the T-VAN's next 2 messages
      When the cashier makes 3 sales
      Then the provider reports every invoice accepted by the authority
      And the provider's status shows no problem standing
      And the provider's status names the resolved problem: "HTTP 503"
      And the provider's status counts every invoice accepted

    @control-plane @reference-provider
    Scenario: After the line was down, nothing stands and everything is accepted
      Given the shop's provider is a T-VAN with a contract in force
      And the shop reaches the authority over its internet line
      And the shop's internet line is down
      When the cashier makes 3 sales
      Then the provider's status says it cannot connect to the authority
      When the shop's internet line is back
      Then the provider reports every invoice accepted by the authority
      And the provider's status shows no problem standing
      And the provider's status names the resolved problem: "cannot connect to"
      And the provider's status counts every invoice accepted

  Rule: The buyer's look-up page

    @browser @control-plane @reference-provider
    Scenario: The buyer finds nothing while the authority has not got the invoice, and finds it once delivered
      Given the shop's provider is a T-VAN with a contract in force
      And the shop reaches the authority over its internet line
      And the shop's internet line is down
      When the cashier sells a customer two iced coffees
      Then the buyer's look-up page says the invoice is not found
      When the shop's internet line is back
      Then the provider reports every invoice accepted by the authority
      And the buyer finds the invoice on the authority's look-up page

    @browser @control-plane @reference-provider
    Scenario: The buyer finds nothing of an invoice the authority refused
      Given the shop's provider is a T-VAN whose contract expired at the end of 2024
      When the cashier sells a customer two iced coffees
      Then the provider holds the invoice, citing code 5002
      And the buyer's look-up page says the invoice is not found
