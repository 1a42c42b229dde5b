@provider-sim @pipeline
Feature: A POS drives VNPT Invoice's web services
  Many shops' e-invoice provider is VNPT, whose integration is SOAP web services with the credentials in every call
  and the POS's own key (Fkey) on every invoice. The provider simulator's vnpt-invoice profile stands in for them,
  backed by the reference provider and the authority simulator: the POS gets real authority codes, VNPT's answers
  ("OK:…", "ERR:13") and its faults on demand. The POS here keeps its Fkey, and looks it up before sending again.

  Scenario: A sale gets a number and the authority's code, and the authority accepts it
    Given the shop's POS talks to VNPT Invoice's web services
    When the cashier sells 2 iced coffees at 29000 dong each through VNPT
    Then the POS gets VNPT's invoice number and the authority's code
    And VNPT reports TThai 2 for the invoice
    And the judgement finds nothing wrong with how the POS used VNPT

  Scenario: The same Fkey sent again is refused as already received, and the look-up finds the one invoice
    Given the shop's POS talks to VNPT Invoice's web services
    When the cashier sells 2 iced coffees at 29000 dong each through VNPT
    And the POS sends the same Fkey again
    Then VNPT refused it as already received and the POS found the same invoice by its Fkey

  Scenario Outline: A fault on the next sale: the POS backs off, keeps its Fkey, and the sale goes through
    Given the shop's POS talks to VNPT Invoice's web services
    And VNPT will answer the next sale with its "<fault>" fault
    When the cashier sells 1 iced coffee at 29000 dong each through VNPT
    Then VNPT answered "<first answer>" first
    And the POS gets VNPT's invoice number and the authority's code
    And the judgement finds nothing wrong with how the POS used VNPT

    Examples:
      | fault                 | first answer |
      | server-error          | 500          |
      | rate-limited          | 429          |
      | malformed-body        | 200          |
      | duplicate-transaction | ERR:13       |
      | auth-refused          | ERR:1        |

  Scenario: A cancel through VNPT reaches the authority, whose answer settles it
    Given the shop's POS talks to VNPT Invoice's web services
    When the cashier sells 1 iced coffee at 29000 dong each through VNPT
    And VNPT reports TThai 2 for the invoice
    And the shop cancels the invoice through VNPT
    Then VNPT reports TThai 6 for the invoice
