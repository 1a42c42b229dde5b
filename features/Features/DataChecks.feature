Feature: Decision 1391 data checks
  Every package the authority receives is checked. A package that fails a check is rejected as a whole:
  the data check notice (LTBao 7) cites the error code, and none of its invoices is stored.
  Error codes are the authority's (see docs/error-codes.md).

  Scenario Outline: A package that fails a check is rejected with its code
    Given a signed package of 3 invoices that is <defect>
    When the T-VAN sends the package
    Then the authority acknowledges receipt
    And the data check notice rejects the package, citing code <code>
    And no invoice is stored from the package

    Examples:
      | defect                                    | code |
      | unsigned                                  | 4001 |
      | tampered after signing                    | 4002 |
      | counted wrong in SLuong                   | 6001 |
      | using codes already sent                  | 7005 |
      | in a series not marked M                  | 3003 |
      | from an unknown tax code                  | 2001 |
      | breaking the schema with a VAT rate of 7% | 3001 |
      | using a malformed cash-register code      | 7001 |
      | using a code of type 2 for a VAT invoice  | 7004 |

  Scenario: A schema violation names the invoice and the place in its XML
    Given a signed package of 3 invoices that is breaking the schema with a VAT rate of 7%
    When the T-VAN sends the package
    Then the data check notice rejects the package, citing code 3001
    And the 3001 error names invoice 2 by its code, the line and column, and the path /TDiep/DLieu/HDon[2]/DLHDon/NDHDon/DSHHDVu/HHDVu[1]/TSuat
