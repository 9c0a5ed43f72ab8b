import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import Testing

/// Date checks of the field-check suite: how likely a coupon is to bear a year.
extension FieldCheckTests {
    @Test("an older year read with a doubtful digit gives way to the recent year its alternatives offer, for review")
    func recentYear() throws {
        let check = try dateCheck()
        // 15.07.2021 read on 2 December 2026, the last 1 with a 6 behind it: 2026.
        var positions = "15072021".map { [(String($0), 99.5)] }
        positions[7] = [("1", 80), ("6", 15)]
        let recent = check(Material.boxes(positions))
        #expect(recent.value == "2026-07-15")
        #expect(recent.decision == .review)
        #expect(recent.corrections.last?.reason.contains("recent year") == true)
        // Read surely, the older year stays: a coupon may be old.
        #expect(check(Material.boxes("15072021".map { [(String($0), 99.5)] })).value == "2021-07-15")
        // Last year is as likely as this one: its 5 stays, though a 6 is offered.
        positions = "15072025".map { [(String($0), 99.5)] }
        positions[7] = [("5", 80), ("6", 15)]
        #expect(check(Material.boxes(positions)).value == "2025-07-15")
    }
}
