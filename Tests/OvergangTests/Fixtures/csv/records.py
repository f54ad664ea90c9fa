"""Independent records of the CSV fixtures, by Python's csv module (RFC 4180 quoting, strict).

Writes quoting.csv and semicolons.csv (the inputs, bytes as below) and, for each, a .json
file of [start line, fields] per record, empty lines left out. Run: python3 records.py
CSVReaderTests compares the tool's reader with these files; CI needs no Python.
"""
import csv
import io
import json

FIXTURES = {
    # Quoted separators, doubled quotes, line breaks (LF and CRLF) inside quotes, CRLF line
    # ends, empty fields, a quote inside an unquoted field, non-ASCII text, an empty line,
    # and a last line without a line end.
    "quoting.csv": (",", 'enhet,navn,count\r\n'
                         '0301,"Oslo, sentrum",12\r\n'
                         '0219,"Bærum ""vest""",\r\n'
                         '"",,"7"\n'
                         '4154,"to\nlinjer",3\n'
                         '1103,"crlf\r\ninne",4\n'
                         '\n'
                         '5001,tommers 12",5\n'
                         '1201,"Østre 🚀",6'),
    "semicolons.csv": (";", 'time;event;group\n'
                            '3;1;"a;b"\n'
                            '5;0;"a;b"\n'
                            '2;1;"x,y"\n'),
}

for name, (separator, text) in FIXTURES.items():
    with open(name, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    records, start = [], 1
    for fields in reader:
        if fields:
            records.append([start, fields])
        start = reader.line_num + 1
    with open(name.replace(".csv", ".json"), "w", encoding="utf-8") as f:
        json.dump(records, f, ensure_ascii=False, indent=1)
        f.write("\n")
