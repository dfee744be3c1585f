using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using ServiceMark.Domain.Common;
using SkiaSharp;

namespace ServiceMark.Web.Features.Attachments;

/// <summary>
/// Decides what a file is from the whole of it, not from its first bytes: an image must decode completely and is stored
/// re-encoded (so nothing but pixels survives — no appended script, no metadata such as GPS positions), a workbook must
/// open as one, a PDF must have a PDF's structure and no markup a browser would run. Anything else is refused.
/// </summary>
internal static class FileContent
{
    /// <summary>A bound on the decoded size, so that a small file cannot claim a huge picture (≈ 160 MB of pixels).</summary>
    public const long MaxPixels = 40_000_000;

    private const int JpegQuality = 90;

    private static readonly string[] Markup = ["<script", "<html", "<!doctype", "<svg", "<iframe", "<body", "<?xml-stylesheet", "javascript:"];

    public static Refusal NotAllowed(string why) =>
        Refusal.Invalid("file", "type_not_allowed", $"Only JPEG, PNG, PDF and XLSX files are accepted: {why}");

    /// <summary>The type and the bytes to store, or why the file is refused.</summary>
    public static (FileTypes? Type, byte[] Stored, Refusal? Refusal) Check(byte[] bytes)
    {
        var type = FileTypes.Detect(bytes);
        if (type is null)
        {
            return (null, [], NotAllowed("the file is none of these."));
        }

        try
        {
            return type.ContentType switch
            {
                FileTypes.JpegType or FileTypes.PngType => ReEncode(bytes, type),
                FileTypes.PdfType => CheckPdf(bytes, type),
                _ => CheckWorkbook(bytes, type),
            };
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or InvalidOperationException or FormatException
                                       or NotSupportedException or System.Xml.XmlException)
        {
            return (null, [], NotAllowed($"the file is not a readable {type.Extension.TrimStart('.')} file."));
        }
    }

    private static (FileTypes?, byte[], Refusal?) ReEncode(byte[] bytes, FileTypes type)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return (null, [], NotAllowed("the image cannot be decoded."));
        }

        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return (null, [], NotAllowed($"the image has more than {MaxPixels / 1_000_000} million pixels."));
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        if (codec.GetPixels(info, decoded.GetPixels()) != SKCodecResult.Success)
        {
            // Also a truncated image: Skia would fill the missing rows, but the file is not what it claims.
            return (null, [], NotAllowed("the image is damaged or incomplete."));
        }

        using var upright = Upright(decoded, codec.EncodedOrigin);
        using var image = SKImage.FromBitmap(upright);
        using var encoded = type.ContentType == FileTypes.JpegType
            ? image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality)
            : image.Encode(SKEncodedImageFormat.Png, 100);
        return encoded is null ? (null, [], NotAllowed("the image cannot be re-encoded.")) : (type, encoded.ToArray(), null);
    }

    /// <summary>Re-encoding drops the EXIF orientation, so a phone photo taken sideways is turned upright first.</summary>
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        var (degrees, swap) = origin switch
        {
            SKEncodedOrigin.BottomRight => (180, false),
            SKEncodedOrigin.RightTop => (90, true),
            SKEncodedOrigin.LeftBottom => (270, true),
            _ => (0, false),
        };
        if (degrees == 0)
        {
            return source.Copy();
        }

        var rotated = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType);
        using var canvas = new SKCanvas(rotated);
        canvas.Translate(rotated.Width / 2f, rotated.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-source.Width / 2f, -source.Height / 2f);
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return rotated;
    }

    /// <summary>
    /// A PDF is kept as sent (it is always served as a download, never shown inline), but only when it has a PDF's frame —
    /// a version header, a cross-reference pointer and the end marker — and carries no markup a browser would run if it
    /// were ever sniffed as HTML.
    /// </summary>
    private static (FileTypes?, byte[], Refusal?) CheckPdf(byte[] bytes, FileTypes type)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var tail = text[Math.Max(0, text.Length - 1024)..];
        var header = text.Length >= 8 && text.StartsWith("%PDF-", StringComparison.Ordinal) && char.IsAsciiDigit(text[5]) && text[6] == '.' && char.IsAsciiDigit(text[7]);
        if (!header || !tail.Contains("%%EOF", StringComparison.Ordinal) || !text.Contains("startxref", StringComparison.Ordinal) ||
            !text.Contains(" obj", StringComparison.Ordinal))
        {
            return (null, [], NotAllowed("the PDF is incomplete or damaged."));
        }

        return Markup.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase))
            ? (null, [], NotAllowed("the PDF contains web page markup."))
            : (type, bytes, null);
    }

    /// <summary>An XLSX is a ZIP package with a workbook part that MiniExcel can open and name the sheets of.</summary>
    private static (FileTypes?, byte[], Refusal?) CheckWorkbook(byte[] bytes, FileTypes type)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true))
        {
            if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry("xl/workbook.xml") is null)
            {
                return (null, [], NotAllowed("the file is a ZIP archive but not an Excel workbook."));
            }
        }

        stream.Position = 0;
        return MiniExcel.GetSheetNames(stream).Count > 0 ? (type, bytes, null) : (null, [], NotAllowed("the workbook has no sheet."));
    }
}
