@pipeline @corrections
Feature: Correcting an invoice already sent (adjust, replace, cancel)
  Shops get things wrong every day: a customer brings an item back, the cashier types the wrong price, the buyer
  wanted the VAT invoice in the company's name, a sale was rung up by mistake. The invoice is already at the
  authority, so the shop does not change it: it asks its provider for an adjustment invoice, a replacement invoice
  with a Form 04/SS-HĐĐT, or a Form 04/SS-HĐĐT cancelling it. The authority links the new invoice to the old one, and
  a buyer looking the old one up sees what became of it. What the rules forbid is refused before anything is sent,
  and the shop is told why.

  Rule: A returned item or a wrong price is corrected by an adjustment invoice

    Scenario: A customer returns one item of a paid bill
      Given the shop sells through its provider's API
      And the cashier sold a customer two iced coffees, accepted by the authority
      When the customer returns one of the iced coffees
      Then the provider issues an adjustment invoice of -31900 đồng for the bill
      And the authority accepts the adjustment invoice
      And the buyer finds the bill at the authority adjusted by the new invoice

    Scenario: The cashier typed the wrong price
      Given the shop sells through its provider's API
      And the cashier sold a customer two iced coffees, accepted by the authority
      When the cashier finds the price was 32000 đồng, not 29000
      Then the provider issues an adjustment invoice of 6600 đồng for the bill
      And the authority accepts the adjustment invoice
      And the buyer finds the bill at the authority adjusted by the new invoice

  Rule: An invoice wrong as a whole is replaced, and the authority is told with a Form 04/SS-HĐĐT

    Scenario: The buyer asks for the invoice in the company's name
      Given the shop sells through its provider's API
      And the cashier sold a customer two iced coffees, accepted by the authority
      When the buyer asks for the invoice in the name of "Công ty TNHH Minh Anh", tax code "0309478306"
      Then the provider issues a replacement invoice for the bill
      And the authority accepts the replacement invoice
      And the authority stores the replacement invoice in the name of "Công ty TNHH Minh Anh", tax code "0309478306"
      And the authority accepts the Form 04/SS-HĐĐT replacing the bill
      And the buyer finds the bill at the authority replaced by the new invoice

  Rule: A sale made by mistake is cancelled with a Form 04/SS-HĐĐT

    Scenario: A sale made by mistake is cancelled
      Given the shop sells through its provider's API
      And the cashier sold a customer two iced coffees, accepted by the authority
      When the shop cancels the bill because "Bán nhầm, khách không mua"
      Then the authority accepts the Form 04/SS-HĐĐT cancelling the bill
      And the buyer finds the bill at the authority cancelled, with the reason "Bán nhầm, khách không mua"

  Rule: A correction the rules forbid is refused before anything is sent, and the shop is told why

    Scenario: A replaced invoice cannot be adjusted
      Given the shop sells through its provider's API
      And the cashier sold a customer two iced coffees, accepted by the authority
      And the buyer asked for the invoice in the name of "Công ty TNHH Minh Anh", tax code "0309478306"
      When the customer returns one of the iced coffees
      Then the correction is refused because the bill "is already replaced by"
      And the provider has issued no adjustment of the bill

  Rule: Sale files and the intermediate table carry corrections too

    @reference-provider
    Scenario: A returned item through a sale file
      Given the shop drops its sales as files in the provider's folder
      And the cashier sold a customer two iced coffees, accepted by the authority
      When the customer returns one of the iced coffees
      Then the provider issues an adjustment invoice of -31900 đồng for the bill
      And the authority accepts the adjustment invoice

    @reference-provider
    Scenario: A sale made by mistake is cancelled through the intermediate table
      Given the shop writes its sales into the intermediate table
      And the cashier sold a customer two iced coffees, accepted by the authority
      When the shop cancels the bill because "Bán nhầm, khách không mua"
      Then the authority accepts the Form 04/SS-HĐĐT cancelling the bill
      And the buyer finds the bill at the authority cancelled, with the reason "Bán nhầm, khách không mua"

    @reference-provider
    Scenario: The buyer asks for the company's name through the intermediate table
      Given the shop writes its sales into the intermediate table
      And the cashier sold a customer two iced coffees, accepted by the authority
      When the buyer asks for the invoice in the name of "Công ty TNHH Minh Anh", tax code "0309478306"
      Then the provider issues a replacement invoice for the bill
      And the authority accepts the Form 04/SS-HĐĐT replacing the bill
      And the buyer finds the bill at the authority replaced by the new invoice

    @reference-provider
    Scenario: A correction file for a cancelled invoice is refused, naming the row and column
      Given the shop drops its sales as files in the provider's folder
      And the cashier sold a customer two iced coffees, accepted by the authority
      And the shop cancelled the bill because "Bán nhầm, khách không mua"
      When the customer returns one of the iced coffees
      Then the correction is refused because the bill "is cancelled"
      And the file is rejected with an error naming the file, row 2 and column "related_code"
      And the provider has issued no adjustment of the bill
