Feature: Decision 1391 checks of the taxpayer, the signature and the invoice codes
  The authority checks who sends (the taxpayer's state and registration in the demo seed), who signed (the
  certificate's tax code and validity at signing time) and the invoice codes (block issued, year, unique in
  the package). A package failing any of them is rejected as a whole with the check's code.

  Scenario Outline: A package failing a check is rejected with its code
    Given a signed package of 3 invoices that is <defect>
    When the T-VAN sends the package
    Then the authority acknowledges receipt
    And the data check notice rejects the package, citing code <code>
    And no invoice is stored from the package

    Examples:
      | defect                                             | code          |
      | from the stopped taxpayer 0401486901               | 2002 and 2003 |
      | from 0301521415, not registered for cash registers | 2004          |
      | for a seller other than the envelope's             | 3002          |
      | signed with another taxpayer's certificate         | 4003          |
      | signed with a certificate expired at signing time  | 4004          |
      | using a code block not issued                      | 7002          |
      | using a code of another year than the issue date   | 7003          |
      | repeating a code                                   | 7006          |
