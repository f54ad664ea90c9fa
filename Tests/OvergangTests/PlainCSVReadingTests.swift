@testable import Tables
import XCTest

/// The byte-splitting reader of tables without quotes gives the general reader's records.
final class PlainCSVReadingTests: XCTestCase {
    /// The general loop alone (a last line of one quoted field sends every text down it;
    /// its record is then dropped).
    private func general(_ text: String) throws -> [[String]] {
        let ended = text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
        var records = try CSVTable.parseCSV(ended + "\"\"\n")
        records.removeLast()
        return records
    }

    func testSameRecordsAsTheGeneralReader() throws {
        let texts = ["a,b\n1,2\n", "a,b\n1,2", "a\n\n", ",\n,,\n", "", "x", "enhet,pct\n0301,12.5\nØst,−1\n", "a,b\n1,\n"]
        for text in texts {
            let plain = try XCTUnwrap(CSVTable.parsePlainCSV(text), text)
            XCTAssertEqual(plain, try general(text), text)
            XCTAssertEqual(plain, try CSVTable.parseCSV(text), text)
        }
    }

    func testQuotesAndCarriageReturnsGoToTheGeneralReader() {
        XCTAssertNil(CSVTable.parsePlainCSV("a,\"b,c\"\n"))
        XCTAssertNil(CSVTable.parsePlainCSV("a,b\r\n1,2\r\n"))
    }
}
