@in-process
Feature: Monthly reconciliation (Decision 1391, step 2)
  Once a month the authority looks again at the invoices it stored for the past month, against its registry and
  against each other, and sends each taxpayer with findings a review notice (302, Form 01/TB-RSĐT) through its
  T-VAN. The simulator runs it when its operator asks. The run covers every invoice stored for the month, so the
  scenario needs an authority of its own (tagged: against a shared authority it is skipped, saying why).

  Scenario: Two invoices with the same number in one series are both flagged
    Given two valid signed packages of 1 invoice each, whose invoices have the same number in the same series
    When the T-VAN sends both packages
    Then the data check accepts both packages
    When the authority runs the monthly reconciliation for 2025-06
    Then the reconciliation flags both invoices with code 8003
    And the T-VAN receives a review notice (302) listing both invoices with code 8003
