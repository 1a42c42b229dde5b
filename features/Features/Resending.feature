Feature: Resending a package
  A T-VAN that is not sure its package arrived sends it again under the same message id (MTDiep).
  The authority must treat that as the same message: same acknowledgement, checked and answered once.

  Scenario: Idempotent resend
    Given a valid signed package of 2 invoices
    When the T-VAN sends the package
    And the T-VAN sends the same package again
    Then both acknowledgements are identical
    And the package is answered by exactly one data check notice
