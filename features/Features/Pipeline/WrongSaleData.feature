@pipeline
Feature: A sale the provider cannot invoice
  Seed 000's third failure class, at the register: a sale no invoice can carry is refused by the provider at once,
  naming the field and the rule it breaks, before any code is used. Nothing of it is issued or sent, and the next
  sale gets the next number: the shop's numbering has no gap.

  Rule: A refused sale uses no code

    Scenario Outline: The provider refuses a sale with <mistake>
      When the cashier sells a customer two iced coffees
      And the register sends a sale with "<mistake>"
      Then the provider refuses the sale, naming the field "<field>" and the rule "<rule>"
      And no invoice is issued for that sale
      When the cashier sells a customer two iced coffees
      Then no number was lost between the last two sales

      Examples:
        | mistake                     | field             | rule       |
        | a line without a name       | lines[0].name     | required   |
        | a quantity of zero          | lines[0].quantity | rule       |
        | a price with seven decimals | lines[0].unitPrice | decimals  |
        | a unit of 51 characters     | lines[0].unit     | max-length |
