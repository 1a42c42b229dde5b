@provider-sim @pipeline
Feature: A POS drives a market provider's API
  A POS vendor integrates with the shop's e-invoice provider through that provider's own API. The provider
  simulator (ck provider-sim) stands in for Viettel S-Invoice and MISA meInvoice, backed by the reference
  provider and the authority simulator, so the POS gets real invoice numbers and authority codes, and the
  provider's faults happen on demand. Here the POS is a well-behaved one: it keeps the transaction id on every
  retry, logs in again only when its token is refused, waits when told to, and looks a sale up before resending.

  Rule: A sale goes through the provider to the authority

    Scenario Outline: A sale gets an invoice number and the authority's code
      Given the shop's POS talks to the <provider> API
      When the cashier sells 2 iced coffees at 29000 dong each
      Then the POS gets an invoice number and the authority's code
      And the provider reports that the authority accepted the invoice
      And the provider finds nothing wrong with how the POS behaved

      Examples:
        | provider          |
        | Viettel S-Invoice |
        | MISA meInvoice    |

    Scenario Outline: A sale sent again under the same transaction id returns the same invoice
      Given the shop's POS talks to the <provider> API
      When the cashier sells 1 iced coffee at 29000 dong each
      And the POS sends the same sale again under the same transaction id
      Then the POS gets the same invoice number and code both times
      And the next sale gets the next invoice number

      Examples:
        | provider          |
        | Viettel S-Invoice |
        | MISA meInvoice    |

  Rule: The POS recovers from the provider's faults

    Scenario Outline: An expired token: the POS logs in again and the sale goes through
      Given the shop's POS talks to the <provider> API
      And the provider's token has expired
      When the cashier sells 2 iced coffees at 29000 dong each
      Then the POS logs in again and the sale goes through
      And the provider finds nothing wrong with how the POS behaved

      Examples:
        | provider          |
        | Viettel S-Invoice |
        | MISA meInvoice    |

    Scenario Outline: Rate limited: the POS waits as told, then the sale goes through
      Given the shop's POS talks to the <provider> API
      And the provider will ask the POS to slow down on the next sale
      When the cashier sells 2 iced coffees at 29000 dong each
      Then the POS waited as told before sending the sale again under the same transaction id
      And the POS gets an invoice number and the authority's code
      And the provider finds nothing wrong with how the POS behaved

      Examples:
        | provider          |
        | Viettel S-Invoice |
        | MISA meInvoice    |

    Scenario Outline: A failed or unreadable answer: the POS retries with the same transaction id
      Given the shop's POS talks to the <provider> API
      And the provider will answer the next sale with <trouble>
      When the cashier sells 2 iced coffees at 29000 dong each
      Then the POS sent the sale <requests> times, always under the same transaction id
      And the POS gets an invoice number and the authority's code
      And the provider finds nothing wrong with how the POS behaved

      Examples:
        | provider          | trouble                  | requests |
        | Viettel S-Invoice | a server error           | 2        |
        | MISA meInvoice    | a server error           | 2        |
        | Viettel S-Invoice | a gateway's HTML page    | 2        |
        | MISA meInvoice    | an empty answer          | 2        |
        | Viettel S-Invoice | a truncated answer       | 2        |

    Scenario Outline: "Already received": the POS looks the sale up instead of issuing under a new id
      Given the shop's POS talks to the <provider> API
      And the provider will say it already has the next sale
      When the cashier sells 2 iced coffees at 29000 dong each
      Then the POS looked the sale up before sending it again under the same transaction id
      And the POS gets an invoice number and the authority's code

      Examples:
        | provider          |
        | Viettel S-Invoice |
        | MISA meInvoice    |

    Scenario: A slow answer: the POS gives up waiting, retries with the same id and gets one invoice
      Given the shop's POS talks to the Viettel S-Invoice API
      And the provider will answer the next sale only after 3 seconds
      And the POS waits 1 second for an answer
      When the cashier sells 2 iced coffees at 29000 dong each
      Then the POS gets an invoice number and the authority's code
      And the provider holds exactly that invoice for the sale

  Rule: The authority unreachable behind the provider

    Scenario Outline: The provider cannot reach the authority: the POS keeps the sale and it goes through later
      Given the shop's POS talks to the <provider> API
      And the provider cannot reach the authority
      When the cashier sells 2 iced coffees at 29000 dong each
      Then the POS is told the authority cannot be reached and has no invoice for the sale
      When the provider reaches the authority again
      And the POS sends the kept sale again
      Then the POS gets an invoice number and the authority's code
      And the provider reports that the authority accepted the invoice

      Examples:
        | provider          |
        | Viettel S-Invoice |
        | MISA meInvoice    |

    Scenario: The authority really down: the invoice is issued but never accepted
      Given the shop's POS talks to the MISA meInvoice API, whose authority is down
      When the cashier sells 2 iced coffees at 29000 dong each
      Then the POS gets an invoice number and the authority's code
      But the provider still reports the invoice as not accepted after 2 seconds
