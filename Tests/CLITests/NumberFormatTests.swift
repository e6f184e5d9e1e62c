import Foundation
import Testing
@testable import Reports

@Suite("Number format")
struct NumberFormatTests {
    @Test("CSV values: the shortest text that reads back as the same Double", arguments: [
        (0.00759, "0.00759"), (1e-5, "0.00001"), (12.0, "12"), (-0.0, "0"), (1234.5, "1234.5"),
        (0.1 + 0.2, "0.30000000000000004"), (1e21, "1e+21"), (1e20, "100000000000000000000"), (1e-7, "0.0000001"), (1e-8, "1e-8"),
        (1.5e-9, "1.5e-9"), (2.5e-6, "0.0000025"), (-42.125, "-42.125"), (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (100, "100"), (0.1, "0.1"),
    ] as [(Double, String)])
    func examples(value: Double, text: String) {
        #expect(NumberFormat.format(value) == text)
    }

    @Test("Round trip over 100,000 values of every magnitude")
    func roundTrip() {
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        for _ in 0..<100_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let x = Double(bitPattern: state)
            guard x.isFinite else { continue }
            let text = NumberFormat.format(x)
            #expect(Double(text) == x || (x == 0 && text == "0"), "\(x) → \(text)")
        }
    }

    @Test("Rounded to n significant digits, large values included", arguments: [
        (123456.0, 4, "123500"), (0.000123456, 3, "0.000123"), (99999.0, 4, "100000"), (-1.23456, 2, "-1.2"),
        (614.609, 4, "614.6"), (1e-9, 4, "1e-9"), (7.0, 4, "7"), (0.007591234, 3, "0.00759"),
    ] as [(Double, Int, String)])
    func significant(value: Double, digits: Int, text: String) {
        #expect(NumberFormat.format(value, significant: digits) == text)
    }

    @Test("The report's caption says 4 significant digits, and its values have at most 4")
    func reportRounding() {
        let page = HTMLReport.page(title: "t", intro: "i",
                                   summary: [SummaryRow(scenario: "s", variant: "v", metric: "m", value: 123456.789, unit: "u"),
                                             SummaryRow(scenario: "s", variant: "v", metric: "n", value: 0.000759123, unit: "u")],
                                   sections: [], files: [])
        #expect(page.contains("rounded to 4 significant digits"))
        #expect(page.contains(">123500<") && !page.contains("123457"))
        #expect(page.contains(">0.0007591<"))
    }
}
