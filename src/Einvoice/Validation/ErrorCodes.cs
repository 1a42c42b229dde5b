namespace ConformanceKit.Einvoice.Validation;

/// <summary>
/// The project's error-code catalogue (docs/error-codes.md, baseline in contract.md).
/// Codes are stable: change one only with a CHANGELOG note.
/// </summary>
public static class ErrorCodes
{
    // Reception (999, TTTNhan = 1)
    public const string NotWellFormed = "1001";
    public const string TooLarge = "1002";
    public const string EnvelopeInvalid = "1003";
    public const string MessageIdMalformed = "1004";
    public const string ReceiverNotTct = "1005";
    public const string SenderNotAuthenticated = "1006";
    public const string MessageTypeNotSupported = "1007";
    public const string MessageIdReused = "1008";

    // Step-1 data check of a 206 (204, LTBao = 7)
    public const string MstUnknown = "2001";
    public const string MstNotActive = "2002";
    public const string TaxpayerStopped = "2003";
    public const string NoCashRegisterRegistration = "2004";
    public const string SchemaViolation = "3001";
    public const string SellerMstMismatch = "3002";
    public const string NotCashRegisterInvoice = "3003";
    public const string SignatureMissing = "4001";
    public const string SignatureInvalid = "4002";
    public const string CertificateNotTaxpayers = "4003";
    public const string CertificateNotValidAtSigningTime = "4004";
    public const string TvanNoContract = "5001";
    public const string TvanContractNotInForce = "5002";
    public const string CountMismatch = "6001";
    public const string CodeMalformed = "7001";
    public const string CodeBlockNotIssued = "7002";
    public const string CodeYearMismatch = "7003";
    public const string CodeTypeMismatch = "7004";
    public const string CodeAlreadyStored = "7005";
    public const string CodeRepeatedInPackage = "7006";

    // Advisory (conformance reports only; never grounds for rejection)
    public const string LineAmount = "W001";
    public const string TaxPerRate = "W002";
    public const string TotalsDoNotAdd = "W003";
    public const string AmountInWords = "W004";
    public const string SentLate = "W005";
    public const string EmptyOptionalElement = "W006";
    public const string SigningTimeWithoutNamespace = "W007";
}
