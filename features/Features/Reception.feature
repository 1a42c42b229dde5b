Feature: Reception of messages
  Before any data check, the authority decides whether it can take a message at all. A message it cannot take
  is refused at once: the technical acknowledgement (999) says TTTNhan 1 and gives the reason's code
  (1001–1008, docs/error-codes.md), and nothing of it is recorded.

  Scenario Outline: A message the authority cannot take is refused with its reason
    Given a message that is <problem>
    When the T-VAN sends the message
    Then the authority refuses it at reception with HTTP <status>, citing reason <code>

    Examples:
      | problem                                              | status | code |
      | malformed XML                                        | 400    | 1001 |
      | larger than 2 MB                                     | 413    | 1002 |
      | addressed to a receiver other than TCT               | 400    | 1005 |
      | sent in the name of another T-VAN                    | 400    | 1006 |
      | of the unsupported type 202                          | 400    | 1007 |
      | reusing a message id for different content           | 400    | 1008 |
      | missing SLuong in its header                         | 400    | 1003 |
      | of a malformed format version (PBan v2.1)            | 400    | 1003 |
      | with a malformed message id (MTDiep)                 | 400    | 1004 |
      | with a message id not prefixed by its sender (MNGui) | 400    | 1004 |

  Scenario: A refused header says where it is wrong
    Given a message that is of a malformed format version (PBan v2.1)
    When the T-VAN sends the message
    Then the authority refuses it at reception with HTTP 400, citing reason 1003
    And the reason 1003 points into /TDiep/TTChung/PBan with a line and column
