import Crypto
import Foundation
import MailroomCapture
import MailroomMail

extension RunContext {
    /// Reads an e-mail file: one message, or a mailbox (mbox) of several.
    ///
    /// A mailbox's messages are written to the parts folder as `.eml` files and handed to the
    /// workers like the documents of a batch scan (`dispatch`): each is stored as an e-mail of
    /// its own under its own hash, with the mailbox's hash and its number in it
    /// (`source_sha256`, `source_pages`), and the mailbox as kind `batch`.
    func readMail(_ path: String, batch: BatchParts, recognizer: any DocumentRecognizing,
                  lap: (String) -> Void) -> ReadOutcome {
        let data: Data
        do {
            // Mapped, not read: a mailbox may run to hundreds of megabytes.
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            return .one(.failure(ReadFailure(stage: .decode, reason: "unreadable: cannot read the file (\(error.localizedDescription))")))
        }
        let messages = Mailbox.messageRanges(in: data)
        guard messages.count > 1 else { return .one(Self.readMessage(data, path: path, recognizer: recognizer, lap: lap)) }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let folderMade = Result { try FileManager.default.createDirectory(at: batch.folder, withIntermediateDirectories: true) }
        for (index, range) in messages.enumerated() {
            let message = Data(data[range])
            let url = batch.folder.appendingPathComponent("\(stem)-m\(index + 1).eml")
            do {
                try folderMade.get()
                try message.write(to: url, options: .atomic)
            } catch {
                // The parts handed on belong to nothing: the caller gives the mailbox up whole.
                return .one(.failure(ReadFailure(stage: .persist, reason: """
                    is a mailbox of \(messages.count) messages, but message \(index + 1) could not be written to \(url.path) \
                    (\(error)); check --parts and the disk
                    """)))
            }
            dispatch(WrittenPart(path: url.path, sha256: FileHasher.hex(SHA256.hash(data: message)), size: Int64(message.count),
                                 pages: index..<(index + 1)), of: batch)
        }
        lap("separate")
        return .several
    }

    /// Reads the message file at `path` (a mailbox's part).
    func readMessage(at path: String, recognizer: any DocumentRecognizing, lap: (String) -> Void) -> Result<DocumentReading, ReadFailure> {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
            return Self.readMessage(data, path: path, recognizer: recognizer, lap: lap)
        } catch {
            return .failure(ReadFailure(stage: .decode, reason: "unreadable: cannot read the file (\(error.localizedDescription))"))
        }
    }

    /// Parses and reads one message; `path` names it in errors.
    static func readMessage(_ data: Data, path: String, recognizer: any DocumentRecognizing,
                            lap: (String) -> Void) -> Result<DocumentReading, ReadFailure> {
        do {
            let mail = try MailParser.parse(data, source: path)
            lap("decode")
            let reading = recognizer.read(mail: mail)
            lap("recognise")
            return .success(reading)
        } catch {
            return .failure(ReadFailure(stage: .decode, reason: "\(error.code.rawValue): \(error.reason)"))
        }
    }
}
