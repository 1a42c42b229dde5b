@pipeline
Feature: How the register reaches its provider (connection modes)
  A shop's register hands its sales to the provider in one of three ways: it calls the provider's API, it drops
  sale files into a folder the provider watches, or it writes rows into an intermediate table the provider polls.
  Whichever way, each sale becomes one invoice with a code from the seller's block, and the authority stores it.
  A sale with a mapping error is reported where the shop can find it, and nothing of it is issued or sent.

  Rule: Through the API, each sale is answered with its invoice

    Scenario: A sale through the API becomes an invoice the authority stores
      Given the shop sells through its provider's API
      When the cashier sells a customer two iced coffees
      Then the customer's receipt carries an invoice code from the shop's block
      And the provider reports every invoice accepted by the authority
      And the buyer finds the invoice at the authority with its code and total

    Scenario: A sale sent again through the API is invoiced once
      Given the shop sells through its provider's API
      When the cashier sells a customer two iced coffees
      And the register sends the same sale again
      Then the provider answers with the same invoice, issuing nothing new
      And the provider reports every invoice accepted by the authority

  Rule: A sale file is imported whole, or not at all

    @reference-provider
    Scenario: A sale file with one sale
      Given the shop drops its sales as files in the provider's folder
      When the cashier sells a customer two iced coffees
      Then the customer's receipt carries an invoice code from the shop's block
      And the provider reports every invoice accepted by the authority
      And the buyer finds the invoice at the authority with its code and total

    @reference-provider
    Scenario: The sales of one file get consecutive codes
      Given the shop drops its sales as files in the provider's folder
      When the shop drops a file of 3 sales
      Then every invoice has its own code, numbered without a gap
      And the provider reports every invoice accepted by the authority
      And the authority stores every invoice

    @reference-provider @control-plane
    Scenario: A file with a mapping error is reported, and nothing of it is issued or sent
      Given the shop drops its sales as files in the provider's folder
      When the shop drops a file of 3 sales, the second one with the VAT rate "9%"
      Then the file is rejected with an error naming the file, row 3 and column "vat_rate"
      And the provider has issued no invoice
      And the authority has received no invoice package

  Rule: Sales written into the intermediate table are picked up, and the outcome is written back

    @reference-provider
    Scenario: A sale row is issued, its code written back, and the invoice stored
      Given the shop writes its sales into the intermediate table
      When the cashier sells a customer two iced coffees
      Then the sale's row is marked issued with its invoice code
      And the provider reports every invoice accepted by the authority
      And the buyer finds the invoice at the authority with its code and total

    @reference-provider
    Scenario: Rows written one after another get consecutive codes
      Given the shop writes its sales into the intermediate table
      When the cashier makes 3 sales
      Then every invoice has its own code, numbered without a gap
      And the provider reports every invoice accepted by the authority

    @reference-provider @control-plane
    Scenario: A row with an error is marked in error, and nothing is sent
      Given the shop writes its sales into the intermediate table
      When the register writes a sale whose line has the VAT rate "9%"
      Then the sale's row is marked in error, naming line 1 and column "vat_rate"
      And the provider has issued no invoice
      And the authority has received no invoice package
