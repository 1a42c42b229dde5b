@in-process
Feature: Registering to issue invoices from cash registers
  A taxpayer registers (message 100, form 01/ĐKTĐ-HĐĐT) through its T-VAN. The authority confirms receipt
  (102), decides (103) and, when it accepts, issues a code block; packages coded with that block are then
  accepted. Registering changes the demo seed, so the scenario needs an authority of its own (tagged: against a
  shared authority it is skipped, saying why).

  Scenario: An accepted registration issues a code block that the data check then accepts
    Given taxpayer 0301521415 has signed a registration for invoices from cash registers
    When the T-VAN sends the registration
    Then the authority acknowledges receipt
    And the authority confirms it received the registration (102, THop 1)
    And the authority accepts the registration (103) with a fresh code block
    When the T-VAN sends a valid signed package of 2 invoices of the taxpayer, coded with that block
    Then the authority acknowledges receipt
    And the data check notice says the package is valid
    And the buyer can look up every invoice of the package
