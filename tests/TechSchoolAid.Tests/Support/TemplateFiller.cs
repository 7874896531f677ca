using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;

namespace TechSchoolAid.TestSupport;

/// <summary>
/// Fills the downloaded new-student template as a clerk does in Excel (shared by the data, API and browser tests): rows
/// below the header of sheet 1, each cell a string, except the columns in <c>asNumbers</c>, which are stored as Excel
/// stores what is typed into a General cell: a number kept to 15 significant digits.
/// </summary>
public static class TemplateFiller
{
    private static readonly XNamespace M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static byte[] Fill(byte[] template, IEnumerable<IReadOnlyDictionary<string, string>> rows, bool keepExample = true, IReadOnlySet<string>? asNumbers = null)
    {
        using var ms = new MemoryStream();
        ms.Write(template);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var strings = Load(zip, "xl/sharedStrings.xml").Root!.Elements(M + "si").Select(si => string.Concat(si.Descendants(M + "t").Select(t => t.Value))).ToList();
            var sheet = Load(zip, "xl/worksheets/sheet1.xml");
            var data = sheet.Root!.Element(M + "sheetData")!;
            var header = data.Elements(M + "row").First();
            var columns = header.Elements(M + "c").ToDictionary(
                c => strings[int.Parse(c.Element(M + "v")!.Value, CultureInfo.InvariantCulture)].TrimEnd('*'),
                c => new string(c.Attribute("r")!.Value.TakeWhile(char.IsLetter).ToArray()));
            if (!keepExample)
            {
                data.Elements(M + "row").Skip(1).Remove();
            }

            var next = data.Elements(M + "row").Count() + 1;
            foreach (var row in rows)
            {
                var r = new XElement(M + "row", new XAttribute("r", next));
                foreach (var (column, value) in row)
                {
                    var reference = columns[column] + next.ToString(CultureInfo.InvariantCulture);
                    // Excel keeps text what is not a number (an ID number ending in X).
                    if (asNumbers?.Contains(column) == true && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    {
                        var kept = double.Parse(number.ToString("E14", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                        r.Add(new XElement(M + "c", new XAttribute("r", reference), new XElement(M + "v", kept.ToString("R", CultureInfo.InvariantCulture))));
                    }
                    else
                    {
                        r.Add(new XElement(M + "c", new XAttribute("r", reference), new XAttribute("t", "inlineStr"), new XElement(M + "is", new XElement(M + "t", value))));
                    }
                }

                data.Add(r);
                next++;
            }

            Save(zip, "xl/worksheets/sheet1.xml", sheet);
        }

        return ms.ToArray();
    }

    public static XDocument Load(ZipArchive zip, string part)
    {
        using var stream = zip.GetEntry(part)!.Open();
        return XDocument.Load(stream);
    }

    private static void Save(ZipArchive zip, string part, XDocument doc)
    {
        zip.GetEntry(part)!.Delete();
        using var stream = zip.CreateEntry(part).Open();
        doc.Save(stream);
    }
}
