import XCTest
@testable import Extracts
final class SmokeTests: XCTestCase { func testMonth() { XCTAssertEqual(Month("2021-03")?.description, "2021-03") } }
