@adapter
Feature: Adapter samples
  Scenarios the adapter's own tests run (AdapterTests/*.cs); not part of the kit's features.

  Background:
    Given the sample background ran

  Scenario: Every step is bound
    Given the sample counter starts at 2
    When the sample counter is increased by 3
    Then the sample counter is 5

  Scenario: An undefined step
    Given the sample counter starts at 1
    When a sample step nobody has bound
    Then the sample counter is 1

  Scenario: An ambiguous step
    Given a sample step bound twice

  Scenario: A failing step
    Given the sample counter starts at 1
    Then the sample counter is 2
    And the sample counter is 1

  Scenario: A pending step
    Given a sample step still pending

  @ignore
  Scenario: An ignored scenario
    Given a sample step that throws

  @outline
  Scenario Outline: Adding to the counter
    Given the sample counter starts at <start>
    When the sample counter is increased by <step>
    Then the sample counter is <end>

    Examples:
      | start | step | end |
      | 1     | 1    | 2   |
      | 5     | 10   | 15  |

  Scenario: A table and a doc string
    Given the sample counters
      | name | value |
      | a    | 1     |
      | b    | 2     |
    Then the sample counters add up to 3
    And the sample note reads
      """
      xin chào
      """
