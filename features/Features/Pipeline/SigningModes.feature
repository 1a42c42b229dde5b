@pipeline @reference-provider
Feature: Who signs the shop's packages (signing modes)
  Every package the provider sends carries the seller's signature. The provider signs with the seller's software key
  itself, or asks a remote signing service (an HSM) that keeps the key, or — when the key is on a USB token — leaves
  the packages waiting until the person with the token signs them. Nothing is ever sent unsigned, and a signed
  package is taken only if it is exactly the package the provider composed.

  Rule: With a software key, the provider signs at once

    Scenario: The provider signs with the seller's key and the authority accepts
      Given the provider signs with the seller's software key
      When the cashier sells a customer two iced coffees
      Then the provider signs with the software key
      And the provider reports every invoice accepted by the authority
      And the buyer finds the invoice at the authority with its code and total

  Rule: With a remote signing service, the service signs each package and the key never leaves it

    Scenario: Each package is signed by the signing service
      Given the provider signs through a remote signing service
      And the provider sends each invoice as soon as it is issued
      When the cashier makes 3 sales
      Then the provider reports every invoice accepted by the authority
      And the signing service has made 3 signatures

    Scenario: While the signing service is down, signing waits and nothing is sent unsigned
      Given the provider signs through a remote signing service
      And the signing service is down
      When the cashier sells a customer two iced coffees
      Then the package waits for its signature while the signing service is down
      And the authority has none of the invoices yet
      When the signing service is back
      Then the provider reports every invoice accepted by the authority
      And the signing service has made 1 signature

  Rule: With a USB token, packages wait for the person who holds it

    Scenario: Packages wait unsigned until the token holder signs them
      Given the seller signs later with a USB token
      When the cashier makes 2 sales
      Then 2 packages wait to be signed
      And the authority has none of the invoices yet
      When the token holder signs the waiting packages
      Then the provider reports every invoice accepted by the authority
      And the authority stores every invoice

    Scenario: A signed package whose content was changed is refused
      Given the seller signs later with a USB token
      When the cashier sells a customer two iced coffees
      And someone hands back the waiting package signed after changing a price in it
      Then the provider refuses the signed package
      And 1 package waits to be signed
      And the authority has none of the invoices yet
      When the token holder signs the waiting packages
      Then the provider reports every invoice accepted by the authority
