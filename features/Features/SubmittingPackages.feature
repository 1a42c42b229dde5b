Feature: Submitting a cash-register invoice package
  A T-VAN forwards a shop's signed package of cash-register invoices (message 206) to the tax authority.
  The authority acknowledges receipt at once (999), checks the data (Decision 1391, step 1), answers with a
  data check notice (204, Form 01/TB-KTDL) and stores valid invoices so that buyers can look them up.

  Scenario: Valid package is accepted
    Given a valid signed package of 3 invoices
    When the T-VAN sends the package
    Then the authority acknowledges receipt
    And the data check notice says the package is valid
    And the buyer can look up every invoice of the package
