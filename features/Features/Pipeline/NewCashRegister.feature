@pipeline @reference-provider @in-process
Feature: A new cash register
  Before its first sale, a new cash register is registered with the authority through the T-VAN (registration form
  01/ĐKTĐ-HĐĐT): the authority confirms receipt, accepts it and gives it a code block of its own. The register's
  invoices then carry codes from that block, and the authority stores them. Registering changes the seller's
  standing at the authority, so these scenarios need an authority of their own.

  Rule: A register sells from the code block the authority gave it

    Scenario: The shop registers a new register before its first sale
      When the shop registers a new cash register with the authority
      Then the authority confirms receipt and accepts the register with a new code block
      When the new register is set up with that block
      And the cashier sells a customer two iced coffees
      Then the receipt carries the first code of the new block
      And the provider reports every invoice accepted by the authority
      And the buyer finds the invoice at the authority with its code and total
