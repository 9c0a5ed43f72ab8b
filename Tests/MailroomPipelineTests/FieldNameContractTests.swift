import MailroomCapture
import MailroomStore
import Testing

@Suite("Field names shared by capture and the case desk")
struct FieldNameContractTests {
    @Test("every field a letter or e-mail is stored with is one the case desk reads, and back")
    func sameNames() {
        #expect(Set(LetterField.allCases.map(\.rawValue)) == Set(CorrespondenceField.allCases.map(\.rawValue)))
    }
}
