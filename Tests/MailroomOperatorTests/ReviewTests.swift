import Foundation
import MailroomOperator
import MailroomStore
import Testing

@Suite struct ReviewTests {
    @Test func queueIsOrderedByRunDocumentAndFieldWithChoicesAndDirectoryCandidates() throws {
        let fixture = try Fixture("review-queue")
        let laterRun = try fixture.database.beginRun(jobs: 1, arguments: [])
        let first = try fixture.coupon(Fixture.sha(1), review: ["town": "low confidence"], run: laterRun)
        let second = try fixture.coupon(Fixture.sha(2), review: ["surname": "low confidence", "postcode": "ambiguous"])
        let queue = try fixture.review().queue(withCandidates: true)
        #expect(queue.map(\.documentID) == [second, second, first])
        #expect(queue.map(\.field) == ["surname", "postcode", "town"])
        #expect(queue[0].choices == ["RUSSI", "ROSSO"])
        #expect(queue[0].reasons == ["low confidence"])
        #expect(queue[1].addressCandidates.contains("10121 TORINO"))
        #expect(queue[2].addressCandidates.contains("10121 TORINO"))
    }

    @Test func aFieldOfACardCutFromABatchFileNamesTheBatchAndItsPages() throws {
        let fixture = try Fixture("review-batch")
        let alone = try fixture.coupon(Fixture.sha(2), review: ["town": "low confidence"])
        let cut = try fixture.coupon(Fixture.sha(1), review: ["town": "low confidence"], path: "/parts/abc/night-batch-p3-4.tif")
        var part = try #require(try fixture.database.document(id: cut))
        part.sourceSHA256 = Fixture.sha(9)
        part.sourcePages = "3-4"
        let batch = DocumentRecord(sha256: Fixture.sha(9), path: "/scans/night-batch.tif", size: 4, pageCount: 4, kind: .batch,
                                   state: .done, runID: fixture.runID)
        try fixture.database.persist(StoreBatch(documents: [
            DocumentWrite(document: part, pages: [], fields: try fixture.database.fields(documentID: cut)),
            DocumentWrite(document: batch),
        ]))
        let service = fixture.review()
        let entry = try service.entry(documentID: cut, field: "town")
        #expect(entry.path == "/parts/abc/night-batch-p3-4.tif", "the crop is cut from the part")
        #expect(entry.source == "pages 3-4 of /scans/night-batch.tif")
        #expect(try service.entry(documentID: alone, field: "town").source == nil)
    }

    @Test func aLettersSenderIsCheckedAndOfferedCandidatesInTheSendersCountry() throws {
        let fixture = try Fixture("review-letter")
        let values = [("sender_name", "name", "Marco Bruno", true), ("sender_postcode", "postcode", "70123", true),
                      ("sender_town", "town", "Barri", false), ("sender_country", "text", "IT", true)]
        let fields = values.map { FieldRecord(name: $0.0, type: $0.1, raw: $0.2, value: $0.2, confidence: 80,
                                              decision: $0.3 ? .accepted : .review, reason: $0.3 ? nil : "postcode and town do not match") }
        let letter = DocumentRecord(sha256: Fixture.sha(8), path: "/scans/letter.png", size: 1, pageCount: 1, kind: .letter,
                                    state: .done, runID: fixture.runID)
        let id = try fixture.database.persist(StoreBatch(documents: [DocumentWrite(document: letter, fields: fields)]))[0].id!
        let service = fixture.review()
        let entry = try #require(try service.queue(withCandidates: true).first { $0.documentID == id })
        #expect(entry.field == "sender_town")
        #expect(entry.addressCandidates.contains("70123 BARI"))
        #expect(try service.documents().first { $0.documentID == id }.map { ($0.kind, $0.pending) } ?? ("", 0) == ("letter", 1))
        #expect(try service.set(documentID: id, field: "sender_town", value: "Bari", operator: "ada").warnings.isEmpty)
        let unknown = try service.set(documentID: id, field: "sender_postcode", value: "70999", operator: "ada")
        #expect(unknown.warnings.contains("postcode not in the directory"))
    }

    @Test func acceptSetPickAndUndoAreStoredAndAudited() throws {
        let fixture = try Fixture("review-decisions")
        let id = try fixture.coupon(Fixture.sha(3), review: ["surname": "low confidence", "date": "not a valid date",
                                                             "first_name": "low confidence"])
        let service = fixture.review()
        let picked = try service.pick(documentID: id, field: "surname", choice: 2, operator: "ada")
        #expect(picked.newValue == "ROSSO")
        let set = try service.set(documentID: id, field: "date", value: "05.10.2026", operator: "ada")
        #expect(set.newValue == "2026-10-05")
        #expect(!set.documentVerified)
        let accepted = try service.accept(documentID: id, field: "first_name", operator: "ada")
        #expect(accepted.documentVerified)
        #expect(try service.queue().isEmpty)

        let undone = try service.undo(operator: "ada")
        #expect(undone.map(\.field) == ["first_name"])
        let restored = try #require(try fixture.database.field(documentID: id, name: "first_name"))
        #expect(restored.decision == .review)
        let second = try service.undo(operator: "ada")
        #expect(second.map(\.field) == ["date"])
        let date = try #require(try fixture.database.field(documentID: id, name: "date"))
        #expect(date.value == "2026-10-05" && date.decision == .review)
        #expect(try service.queue().map(\.field) == ["date", "first_name"])
        // Another operator has nothing to undo.
        #expect(throws: OperatorError.self) { try service.undo(operator: "bob") }

        let decisions = try fixture.database.decisions(documentID: id)
        #expect(decisions.map(\.action) == [.pick, .correct, .accept, .undo, .undo])
        #expect(decisions.allSatisfy { $0.operatorName == "ada" && $0.decidedAt == Fixture.day(10) })
        #expect(decisions[0].oldValue == "ROSSI" && decisions[0].newValue == "ROSSO")
        let audit = try fixture.database.auditLog(operatorName: "ada")
        #expect(audit.map(\.action) == ["review.undo", "review.undo", "review.accept", "review.correct", "review.pick"])
        #expect(audit.allSatisfy { $0.decisionID != nil && $0.documentID == id })
    }

    @Test func choicesTheFieldsCheckWouldRefuseAreNotOffered() throws {
        let fixture = try Fixture("review-choices")
        // A witness's card number outside the programme's 7800 range, one failing Luhn, and one in range.
        let id = try fixture.coupon(Fixture.sha(60), review: ["card": "the two OCR models read it differently"],
                                    alternatives: ["card": ["7000257995501482", "7800123456789013", "7800578763621481"]])
        let entry = try fixture.review().entry(documentID: id, field: "card")
        #expect(entry.choices == ["7800578763621481"])
        let picked = try fixture.review().pick(documentID: id, field: "card", choice: 1, operator: "ada")
        #expect(picked.newValue == "7800578763621481")
    }

    @Test func valuesAreCheckedLikeTheScannerAndAddressMismatchWarns() throws {
        let fixture = try Fixture("review-checks")
        let id = try fixture.coupon(Fixture.sha(4), review: ["date": "not a valid date", "card": "check digit fails",
                                                             "postcode": "ambiguous", "email": "not a valid e-mail address"])
        let service = fixture.review()
        #expect(throws: OperatorError.self) { try service.set(documentID: id, field: "date", value: "31.02.2026", operator: "ada") }
        #expect(throws: OperatorError.self) { try service.set(documentID: id, field: "card", value: "7800123456789013", operator: "ada") }
        #expect(throws: OperatorError.self) { try service.set(documentID: id, field: "email", value: "mario.example.it", operator: "ada") }
        #expect(try service.set(documentID: id, field: "email", value: " Mario@Example.IT ", operator: "ada").newValue == "mario@example.it")
        let mismatch = try service.set(documentID: id, field: "postcode", value: "00012", operator: "ada")
        #expect(mismatch.warnings.contains("postcode and town do not match"))
        #expect(try fixture.database.field(documentID: id, name: "postcode")?.decision == .accepted)
        // Refused values wrote nothing.
        #expect(try fixture.database.decisions(documentID: id).count == 2)
    }

    @Test func pickingADirectoryPairSetsPostcodeAndTownAndOneUndoRevertsBoth() throws {
        let fixture = try Fixture("review-pair")
        let id = try fixture.coupon(Fixture.sha(5), values: ["postcode": "10199", "town": "TORINI"],
                                    review: ["postcode": "postcode not in the directory", "town": "low confidence"])
        let service = fixture.review()
        let entry = try service.entry(documentID: id, field: "town")
        let index = try #require(entry.choices.firstIndex(of: "10121 TORINO"))
        try service.pick(documentID: id, field: "town", choice: index + 1, operator: "ada")
        #expect(try fixture.database.field(documentID: id, name: "postcode")?.value == "10121")
        #expect(try fixture.database.field(documentID: id, name: "town")?.value == "TORINO")
        #expect(try service.isVerified(id))
        #expect(try service.undo(operator: "ada").count == 2)
        #expect(try fixture.database.field(documentID: id, name: "postcode")?.value == "10199")
        #expect(try service.queue().count == 2)
    }

    @Test func documentsResolveByIDOrShaPrefixAndListShowsVerified() throws {
        let fixture = try Fixture("review-resolve")
        let id = try fixture.coupon(Fixture.sha(6), review: ["surname": "low confidence"])
        let clean = try fixture.coupon(Fixture.sha(7))
        let service = fixture.review()
        #expect(try service.resolve("\(id)").id == id)
        #expect(try service.resolve("0707").id == clean)
        #expect(throws: OperatorError.self) { try service.resolve("zz") }
        let list = try service.documents()
        #expect(list.map(\.verified) == [false, true])
        #expect(list.map(\.pending) == [1, 0])
        try service.skip(documentID: id, field: "surname", operator: "ada")
        #expect(try service.queue().count == 1)
        #expect(try fixture.database.decisions(documentID: id).map(\.action) == [.skip])
    }

    @Test func aReprocessedFieldOffersTheEarlierDecisionFirst() throws {
        let fixture = try Fixture("review-reprocess")
        let id = try fixture.coupon(Fixture.sha(8), review: ["surname": "low confidence"])
        let service = fixture.review()
        try service.set(documentID: id, field: "surname", value: "Rossetti", operator: "ada")
        // Reprocessing replaces the fields (back to the machine reading) and keeps the history.
        #expect(try fixture.coupon(Fixture.sha(8), review: ["surname": "low confidence"], at: 12) == id)
        let entry = try service.entry(documentID: id, field: "surname")
        #expect(entry.suggestion == "ROSSI")
        #expect(entry.earlierDecision == "ROSSETTI")
        #expect(entry.choices.first == "ROSSETTI")
        try service.pick(documentID: id, field: "surname", choice: 1, operator: "ada")
        #expect(try fixture.database.field(documentID: id, name: "surname")?.value == "ROSSETTI")
    }

    @Test func aDecisionOnAFieldChangedSinceItWasShownIsRefused() throws {
        let fixture = try Fixture("review-stale")
        let id = try fixture.coupon(Fixture.sha(9), review: ["surname": "low confidence"])
        let service = fixture.review()
        let shownToAda = try service.entry(documentID: id, field: "surname")
        try service.set(documentID: id, field: "surname", value: "Rossini", operator: "bob", shown: shownToAda)
        let error = try #require(throws: OperatorError.self) {
            try service.accept(documentID: id, field: "surname", operator: "ada", shown: shownToAda)
        }
        #expect(error.code == .changedMeanwhile)
        #expect(try fixture.database.decisions(documentID: id).map(\.operatorName) == ["bob"])
    }

    @Test func aSessionRunsFromScriptedLines() throws {
        let fixture = try Fixture("review-session")
        let id = try fixture.coupon(Fixture.sha(10), review: ["surname": "low confidence", "email": "low confidence"])
        var lines = ["#9", "2", "x@", "=u@example.it"]
        var printed = ""
        let session = ReviewSession(service: fixture.review(), operatorName: "ada", crop: nil, colours: .trueColour,
                                    readLine: { lines.isEmpty ? nil : lines.removeFirst() }, write: { printed += $0 })
        let tally = try session.run()
        #expect(tally.decided == 2 && tally.remaining == 0)
        #expect(printed.contains("! field 'surname' has alternatives 1 to 2; 9 is not one of them"))
        #expect(printed.contains("! 'x@' is not a valid email"))
        #expect(try fixture.database.field(documentID: id, name: "surname")?.value == "ROSSO")
        #expect(try fixture.database.field(documentID: id, name: "email")?.value == "u@example.it")
    }

    @Test func sessionAnswersParse() {
        typealias A = ReviewSession.Answer
        #expect(A.parse("", fieldType: "name") == .accept)
        #expect(A.parse("2", fieldType: "name") == .pick(2))
        #expect(A.parse("2", fieldType: "postcode") == .value("2"))
        #expect(A.parse("#2", fieldType: "postcode") == .pick(2))
        #expect(A.parse("=s", fieldType: "name") == .value("s"))
        #expect(A.parse("u", fieldType: "name") == .undo)
        #expect(A.parse("Bianchi", fieldType: "name") == .value("Bianchi"))
    }

    @Test func halfBlocksDrawTwoPixelRowsPerLine() {
        let raster = GreyRaster(width: 2, height: 3, pixels: [0, 255, 128, 64, 10, 20])
        let lines = TerminalImage.render(raster, colours: .trueColour)
        #expect(lines.count == 2)
        #expect(lines[0] == "\u{1B}[38;2;0;0;0m\u{1B}[48;2;128;128;128m▀\u{1B}[38;2;255;255;255m\u{1B}[48;2;64;64;64m▀\u{1B}[0m")
        let palette = TerminalImage.render(raster, colours: .palette256)
        #expect(palette[0].hasPrefix("\u{1B}[38;5;16m"))
        #expect(palette[1].contains("\u{1B}[48;5;231m"))
    }
}
