@control-plane
Feature: Decision 1391 check 5: the T-VAN's contract with the authority
  The authority takes invoice data only through a T-VAN whose contract with it is in force on the day of receipt.
  A package carried by any other T-VAN is received (999) but rejected by the data check (204, LTBao 7) with 5001
  (no contract) or 5002 (contract expired or suspended), and none of its invoices is stored.
  Each scenario registers a T-VAN of its own (a random code and key), so it changes nothing another scenario
  sees, even on a shared authority.

  Scenario Outline: A package carried by a T-VAN without a contract in force is rejected
    Given a T-VAN <contract>
    And that T-VAN has a valid signed package of 3 invoices
    When the T-VAN sends the package
    Then the authority acknowledges receipt
    And the data check notice rejects the package, citing code <code>
    And no invoice is stored from the package

    Examples:
      | contract                                  | code |
      | without a contract                        | 5001 |
      | whose contract expired at the end of 2024 | 5002 |
      | whose contract is suspended               | 5002 |

  Scenario: A package carried by a T-VAN with a contract in force is accepted
    Given a T-VAN with a contract in force
    And that T-VAN has a valid signed package of 3 invoices
    When the T-VAN sends the package
    Then the authority acknowledges receipt
    And the data check notice says the package is valid
    And the buyer can look up every invoice of the package
