@provider-sim @pipeline
Feature: A seller sends its own signed package through its T-VAN
  Some sellers build and sign the cash-register invoice package themselves and hand it to their T-VAN.
  The T-VAN acknowledges it, carries the invoices to the authority under its own name, and hands the
  authority's answers back to the seller under the seller's own message id (ck provider-sim, tvan-xml).

  Rule: The T-VAN carries a good package to the authority

    Scenario: A signed package is acknowledged, carried and accepted
      Given the shop signs its own package of 2 invoices for its T-VAN
      When the shop sends the package to its T-VAN
      Then the T-VAN acknowledges the package under the shop's message id
      And the T-VAN passed the package on to the authority under its own name
      And the shop reads the authority's notice that the package is valid

    Scenario: The same package sent twice is carried once
      Given the shop signs its own package of 1 invoice for its T-VAN
      When the shop sends the package to its T-VAN
      And the shop sends the package to its T-VAN again
      Then the T-VAN gives the same acknowledgement both times
      And the T-VAN passed the package on to the authority only once

  Rule: The T-VAN refuses what it cannot carry

    Scenario Outline: A package the T-VAN cannot carry is refused and goes no further
      Given the shop signs its own package of 1 invoice for its T-VAN
      But the package is <defect>
      When the shop sends the package to its T-VAN
      Then the T-VAN refuses the package, citing <code>
      And the T-VAN has nothing to pass on for the package

      Examples:
        | defect                       | code   |
        | addressed to another T-VAN   | TVAN05 |
        | changed after signing        | TVAN09 |
        | not signed                   | TVAN09 |
