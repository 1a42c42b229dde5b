@pipeline @reference-provider
Feature: When the provider sends (sync modes)
  The provider gathers issued invoices into packages and sends them to the authority: each one at once (real time),
  every so many invoices or after a while (periodic), only when the shop asks (manual), and at the end of the day
  whatever is still waiting. Whatever the mode, invoice data reaches the authority within the day it was issued.

  Rule: In real time, each invoice goes in a package of its own

    Scenario: Three sales, three packages
      Given the provider sends each invoice as soon as it is issued
      When the cashier makes 3 sales
      Then the provider reports every invoice accepted by the authority
      And the provider has sent 3 packages of 1 invoice each
      And the authority stores every invoice

  Rule: Periodically, invoices are gathered until there are enough or they have waited long enough

    Scenario: A package every three invoices
      Given the provider sends a package every 3 invoices
      When the cashier makes 2 sales
      Then the provider has sent no package yet
      When the cashier makes 1 more sale
      Then the provider has sent 1 package of 3 invoices
      And the provider reports every invoice accepted by the authority

    Scenario: Fewer invoices than a batch are sent once they have waited long enough
      Given the provider sends what has waited 3 seconds
      When the cashier makes 2 sales
      Then the provider has sent no package yet
      And the provider reports every invoice accepted by the authority
      And the provider has sent 1 package of 2 invoices

  Rule: Manually, nothing is sent until the shop asks, or until the end of the day

    Scenario: The shop sends what is waiting when it chooses
      Given the provider sends only when the shop asks
      When the cashier makes 3 sales
      Then the provider has sent no package yet
      And the authority has none of the invoices yet
      When the shop asks the provider to send what is waiting
      Then the provider has sent 1 package of 3 invoices
      And the provider reports every invoice accepted by the authority
      And the authority stores every invoice

    @control-plane
    Scenario: At the end of the day, everything waiting is sent
      Given the provider sends only when the shop asks, and everything waiting at 22:00
      And it is 21:30 at the shop and at the authority
      When the cashier makes 2 sales
      Then the provider has sent no package yet
      When the shop's clock reaches 21:59:58
      Then at 22:00 by the shop's clock, the provider sends 1 package of 2 invoices
      And the provider reports every invoice accepted by the authority
      And the authority stores every invoice
