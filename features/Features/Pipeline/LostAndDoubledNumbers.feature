@pipeline
Feature: No number lost or doubled
  Seed 000's fourth failure class: duplicated or lost invoice numbers. A register that never got the answer to a sale
  sends it again with the same sale id and gets the same invoice, not a second one. A provider stopped hard in the
  middle of a batch — killed with no shutdown once its first package has been formed, two more invoices waiting for
  the next one and a sale on its way — and started again on the same store goes on where it stopped: every sale has
  exactly one invoice, the codes have no gap and no duplicate, and the authority takes them all. That provider is the
  reference provider run as a program of its own and killed (SIGKILL), as its chaos test does.

  Rule: A sale sent again gets the same invoice

    Scenario: The register sends a sale again after losing the answer
      When the cashier sells a customer two iced coffees, but the answer is lost on the way
      And the register sends the sale with the lost answer again
      Then the register gets the invoice issued the first time
      When the cashier sells a customer two iced coffees
      Then no number was lost between the last two sales

  Rule: A provider killed in the middle of a batch loses and doubles nothing

    @control-plane @reference-provider
    Scenario: The provider is killed in the middle of a batch and started again
      Given the shop's provider is a T-VAN with a contract in force
      And the provider runs as a program of its own, sending a package every 5 invoices
      When the cashier makes 12 sales, the provider's program being killed after the 7th and started again
      Then every sale has exactly one invoice
      And every invoice has its own code, numbered without a gap
      And the provider reports every invoice accepted by the authority
      And the authority stores every invoice
