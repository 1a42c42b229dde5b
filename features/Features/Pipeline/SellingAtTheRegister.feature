@pipeline
Feature: Selling at the register
  A cashier rings a sale up; the shop's provider issues the cash-register invoice with a code from the seller's block,
  packages it, signs it and sends it to the tax authority; the authority checks it and stores it; the buyer looks it
  up with what the receipt shows. These scenarios run the whole chain: the reference POS, provider and authority.

  Rule: A sale becomes an invoice the authority stores

    Scenario: The buyer gets an invoice with its authority code
      When the cashier sells a customer two iced coffees
      Then the customer's receipt carries an invoice code from the shop's block
      And the receipt's total to pay is 63800 đồng
      And the provider reports every invoice accepted by the authority

    Scenario: The authority stores the invoice and the buyer looks it up
      When the cashier sells:
        | item           | unit | quantity | price | VAT |
        | Bánh mì thịt   | Ổ    | 2        | 25000 | 8%  |
        | Trà đá         | Ly   | 2        | 5000  | 8%  |
      Then the receipt's total to pay is 64800 đồng
      And the buyer finds the invoice at the authority with its code and total
      But the buyer does not find the invoice with another total

    @browser
    Scenario: The buyer looks the invoice up on the authority's page
      When the cashier sells a customer two iced coffees
      Then the buyer finds the invoice on the authority's look-up page

  Rule: Every sale has exactly one invoice, numbered without a gap

    Scenario: A day's sales are numbered one after another
      When the cashier makes 5 sales
      Then every invoice has its own code, numbered without a gap
      And the provider reports every invoice accepted by the authority
      And the authority stores every invoice
