@pipeline
Feature: When the provider is connected but the authority cannot issue
  Seed 000's second failure class: the provider reaches the authority, but the authority cannot take the package now
  (it answers 503 or 500, or drops the connection), loses the data check notice (204), sends it later than the
  15 minutes it has, or refuses the T-VAN because its contract has expired. Nothing is lost and no code is used twice:
  the provider sends the same package again, looks up what the authority stores when no notice comes, marks a late
  notice, and holds invoices it cannot send until the shop asks again.

  Rule: A package the authority cannot take now is sent again, the same package, until it is taken

    @control-plane @reference-provider
    Scenario Outline: The authority cannot take the next messages: <failure>
      Given the shop's provider is a T-VAN with a contract in force
      And the authority <failure> the T-VAN's next 3 messages
      When the cashier sells a customer two iced coffees
      Then the provider reports every invoice accepted by the authority
      And the provider sent one package, 4 times under the same message id, until the authority took it

      Examples:
        | failure                       |
        | answers HTTP 503 to           |
        | answers HTTP 500 to           |
        | drops the connection of       |

  Rule: A lost notice is settled by looking the invoice up once the deadline has passed

    @control-plane @reference-provider
    Scenario: No notice comes; after 15 minutes the provider looks the invoice up
      Given the shop's provider is a T-VAN with a contract in force
      And the authority loses the notice of the T-VAN's next package
      When the cashier sells a customer two iced coffees
      And the authority has stored the invoice without sending its notice
      Then the provider is still waiting for the invoice's notice
      When 16 minutes pass on the shop's clock
      Then the provider looks the invoice up and reports it accepted
      And the provider marks the package overdue
      And the buyer finds the invoice at the authority with its code and total

  Rule: A notice later than 15 minutes is marked late and acted on

    @control-plane @reference-provider @in-process
    Scenario: The notice comes 20 minutes after receipt on the authority's clock
      Given the shop's provider is a T-VAN with a contract in force
      And the authority holds back the notice of the T-VAN's next package by 20 minutes
      When the cashier sells a customer two iced coffees
      And the authority acknowledges the package
      And 20 minutes pass on the authority's clock
      Then the provider reports every invoice accepted by the authority
      And the provider marks the package's notice late

  Rule: A T-VAN whose contract has expired cannot send; the invoices wait until it is renewed

    @control-plane @reference-provider
    Scenario: The provider's T-VAN contract has expired
      Given the shop's provider is a T-VAN whose contract expired at the end of 2024
      When the cashier sells a customer two iced coffees
      Then the provider holds the invoice, citing code 5002
      And the provider's status counts 1 invoice held
      And the authority has not stored the invoice

    @control-plane @reference-provider
    Scenario: The contract is renewed and the shop asks the provider to send again
      Given the shop's provider is a T-VAN whose contract expired at the end of 2024
      When the cashier sells a customer two iced coffees
      Then the provider holds the invoice, citing code 5002
      When the T-VAN's contract is renewed
      And the shop asks the provider to send its held invoices again
      Then the provider reports every invoice accepted by the authority
      And the buyer finds the invoice at the authority with its code and total
