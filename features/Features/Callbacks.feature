@control-plane
Feature: Responses pushed to the T-VAN's callback address
  A T-VAN may give the authority a callback address. The authority then POSTs every response to it: the technical
  acknowledgement (999) and the data check notice (204), each named in the headers X-MTDiep and X-MLTDiep. A push
  the receiver does not accept (anything but 2xx) is tried again after 1 s, 2 s, 4 s … of the authority's clock,
  until it is accepted: delivery is at least once, so a receiver de-duplicates by MTDiep.
  Each scenario registers a T-VAN of its own whose callback address is a receiver started for the scenario.
  With an authority of its own the scenario moves the authority's clock to let the back-off pass; against a shared
  authority it waits the back-off out (and that authority must reach the test machine).

  Scenario: The acknowledgement and the data check notice are pushed to the callback address
    Given a T-VAN with a contract in force that receives responses at its callback address
    And that T-VAN has a valid signed package of 2 invoices
    When the T-VAN sends the package
    Then the authority acknowledges receipt
    And the callback receiver gets the acknowledgement (999) of the package
    And the callback receiver gets the data check notice (204) of the package, saying it is valid
    And every push names the response it carries (X-MTDiep, X-MLTDiep)

  Scenario: A receiver that fails at first is retried until it accepts
    Given a T-VAN with a contract in force that receives responses at its callback address, refusing the first 3 pushes
    And that T-VAN has a valid signed package of 2 invoices
    When the T-VAN sends the package
    Then the authority acknowledges receipt
    And the callback receiver gets the acknowledgement (999) of the package
    And the callback receiver gets the data check notice (204) of the package, saying it is valid
    And every refused push was retried until the receiver accepted it
    And every push names the response it carries (X-MTDiep, X-MLTDiep)
