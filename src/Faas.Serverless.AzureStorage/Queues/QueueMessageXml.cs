using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Faas.Serverless.AzureStorage.Queues;

/// <summary>
/// Message bodies travel base64-encoded: the text may hold characters XML 1.0 cannot carry, and other Azure
/// tools expect the same encoding.
/// </summary>
internal static class QueueMessageXml
{
    public const int MaxEncodedLength = 64 * 1024;

    public static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static byte[] Body(string encodedText) =>
        Encoding.UTF8.GetBytes(new XElement("QueueMessage", new XElement("MessageText", encodedText)).ToString(SaveOptions.DisableFormatting));

    public static IEnumerable<XElement> Messages(XDocument document) => document.Root?.Elements("QueueMessage") ?? [];

    public static QueueMessage Read(XElement message, DateTimeOffset peekedAt)
    {
        var nextVisible = message.Element("TimeNextVisible");
        return new QueueMessage(
            message.Element("MessageId")!.Value,
            message.Element("PopReceipt")?.Value ?? string.Empty,
            Decode(message.Element("MessageText")?.Value ?? string.Empty),
            long.Parse(message.Element("DequeueCount")!.Value, CultureInfo.InvariantCulture),
            Time(message.Element("InsertionTime")!),
            Time(message.Element("ExpirationTime")!),
            // Peek returns only visible messages and no TimeNextVisible: they are visible as of the response.
            nextVisible is null ? peekedAt : Time(nextVisible));
    }

    public static SendReceipt ReadReceipt(XElement message) => new(
        message.Element("MessageId")!.Value,
        message.Element("PopReceipt")!.Value,
        Time(message.Element("InsertionTime")!),
        Time(message.Element("ExpirationTime")!),
        Time(message.Element("TimeNextVisible")!));

    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.ParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    // Messages written as plain text by other tools still surface, as their raw text.
    private static string Decode(string encoded)
    {
        var bytes = new byte[encoded.Length];
        if (Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
            }
            catch (DecoderFallbackException)
            {
                return encoded;
            }
        }

        return encoded;
    }

    private static DateTimeOffset Time(XElement element) => ParseTime(element.Value);
}
