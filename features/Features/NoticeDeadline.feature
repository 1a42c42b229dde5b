@in-process
Feature: The data check notice within 15 minutes
  The authority answers every package with its data check notice (204) after its processing time, and never
  later than 15 minutes after receipt (Decision 1391). The scenarios move the authority's simulated clock, so
  they need an authority of their own (tagged: against a shared authority they are skipped, saying why).

  Scenario: No notice before the processing time has passed
    Given the authority's clock stands still at 2025-06-15 09:00 with a processing time of 10 minutes
    And a valid signed package of 2 invoices
    When the T-VAN sends the package
    And 599 simulated seconds pass
    Then the authority acknowledges receipt
    And no data check notice has been sent yet

  Scenario: The notice comes when the processing time has passed
    Given the authority's clock stands still at 2025-06-15 09:00 with a processing time of 10 minutes
    And a valid signed package of 2 invoices
    When the T-VAN sends the package
    And 600 simulated seconds pass
    Then the data check notice says the package is valid
    And the data check notice is dated 2025-06-15 09:10

  Scenario: A jump of the clock does not push the notice past 15 minutes
    Given the authority's clock stands still at 2025-06-15 09:00 with a processing time of 15 minutes
    And a valid signed package of 2 invoices
    When the T-VAN sends the package
    And 3 simulated hours pass at once
    Then the data check notice says the package is valid
    And the data check notice is dated no later than 15 minutes after receipt
