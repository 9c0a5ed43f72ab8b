import Foundation

/// The messages of an mbox file: a mailbox exported by Thunderbird, Google Takeout or a Unix
/// mail spool, one file holding many e-mails.
///
/// Each message starts with a `From ` line (the envelope sender and a date) at the start of
/// the file or after an empty line; a `From ` at the start of a line inside a message is
/// written `>From `, so a separator never occurs within one. Read as one message, the second
/// and later e-mails became part of the first one's body and were lost as documents.
public enum Mailbox {
    /// Where each message of `data` lies, its `From ` line included, in order; the whole of
    /// `data` when it is one message (an `.eml`, or an mbox holding one). Works on the bytes in
    /// place: a mailbox of hundreds of megabytes is never copied.
    public static func messageRanges(in data: Data) -> [Range<Data.Index>] {
        guard isMailbox(data) else { return [data.startIndex..<data.endIndex] }
        var starts = [data.startIndex]
        var lineStart = data.startIndex
        var previousLineEmpty = false
        while lineStart < data.endIndex {
            let end = data[lineStart...].firstIndex(of: 0x0A) ?? data.endIndex
            var line = data[lineStart..<end]
            if line.last == 0x0D { line = line.dropLast() }
            if lineStart > data.startIndex, previousLineEmpty, startsEnvelope(line) { starts.append(lineStart) }
            previousLineEmpty = line.isEmpty
            lineStart = end + 1
        }
        return starts.indices.map { index in starts[index]..<(index + 1 < starts.count ? starts[index + 1] : data.endIndex) }
    }

    /// Whether `data` starts with an mbox envelope line (after a UTF-8 byte order mark).
    static func isMailbox(_ data: Data) -> Bool {
        var start = data.startIndex
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
        return startsEnvelope(data[start..<end])
    }

    /// `From `, a sender and a date with its time (`From alice@example.com Sat Dec  5 10:00:00
    /// 2026`): the envelope line, not a `From:` header, nor a body line an exporter forgot to
    /// escape (`From the desk of…`).
    static func startsEnvelope(_ line: Data) -> Bool {
        guard line.starts(with: Array("From ".utf8)), line.count > 6, line[line.startIndex + 5] != 0x20 else { return false }
        let text = String(decoding: line, as: UTF8.self)
        return text.contains(/\s\d{1,2}:\d{2}(:\d{2})?(\s|$)/)
    }
}
