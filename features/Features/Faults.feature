@control-plane
Feature: Faults the authority can simulate
  Connecting a cash register to the authority fails in known ways (POS365's list): the T-VAN cannot connect; it is
  connected but cannot get an invoice through; or an answer goes missing. The simulator reproduces them with fault
  rules (docs/simulator.md, "Fault rules"), so a T-VAN can show that it copes. Each scenario registers a T-VAN of its
  own and aims the faults at it alone, once, so they disturb no other scenario, even on a shared authority.

  Background:
    Given a T-VAN with a contract in force
    And that T-VAN has a valid signed package of 2 invoices

  Scenario: Cannot connect: a wrong API key is refused and nothing is taken
    When the T-VAN sends the package with a wrong API key
    Then the authority refuses the connection with HTTP 401
    And the authority has recorded nothing of the package

  Scenario: Connected but cannot issue: the authority is unavailable once, and a retry goes through
    Given the authority will answer the T-VAN's next message with HTTP 503
    When the T-VAN sends the package
    Then the authority answers HTTP 503 and asks to retry after 1 second
    And the authority has recorded nothing of the package
    When the T-VAN sends the package again
    Then the retry is acknowledged
    And the data check notice says the package is valid
    And the buyer can look up every invoice of the package

  Scenario: A lost notice: the package is stored but no data check notice comes
    Given the authority will drop the data check notice of the T-VAN's next package
    When the T-VAN sends the package
    Then the authority acknowledges receipt
    And every invoice of the package is stored
    But no data check notice comes for the package
