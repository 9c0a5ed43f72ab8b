import Crypto
import Foundation
import Logging
import MailroomCapture
import MailroomImaging
import MailroomStore

extension RunContext {
    /// The results of a batch file: each document it holds is written to the parts folder as a
    /// file of its own and stored under that file's hash; the batch file is stored as kind `batch`.
    ///
    /// A part is an ordinary scan from then on: the review crops, exports, archives and
    /// `--reprocess` open its file like any other, and it keeps the batch's hash and its pages
    /// in it (`source_sha256`, `source_pages`). Parts are written as lossless TIFF, so the same
    /// batch gives the same part files and hashes again: a run killed before the batch's
    /// transaction saved nothing, and the next run cuts the same parts and stores each once.
    func splitResult(_ parts: [SeparatedDocument], pages: [Image], item: WorkItem, sha256 sha: String, size: Int64,
                     timings: [String: Double]) -> WorkResult {
        let folder = options.partsFolder.appendingPathComponent(String(sha.prefix(16)), isDirectory: true)
        let stem = URL(fileURLWithPath: item.path).deletingPathExtension().lastPathComponent
        var results: [WorkResult] = []
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            return .quarantined(Quarantine(path: item.path, sha256: sha, size: size, stage: .persist, reason: """
                holds \(parts.count) documents, but the folder for them cannot be made: \(folder.path) \
                (\((error as NSError).localizedDescription)); check --parts and the disk
                """, timings: timings))
        }
        for part in parts {
            let span = part.pages.count == 1 ? "\(part.pages.lowerBound + 1)"
                : "\(part.pages.lowerBound + 1)-\(part.pages.upperBound)"
            let partURL = folder.appendingPathComponent("\(stem)-p\(span).tif")
            let data: Data
            do {
                data = try Image.multipageTIFF(Array(pages[part.pages]))
                try data.write(to: partURL, options: .atomic)
            } catch {
                // Nothing of the batch is saved: the next run tries the whole file again.
                return .quarantined(Quarantine(path: item.path, sha256: sha, size: size, stage: .persist, reason: """
                    holds \(parts.count) documents, but pages \(span) could not be written to \(partURL.path) \
                    (\(error)); check --parts and the disk
                    """, timings: timings))
            }
            let partSHA = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            results.append(partResult(part, path: partURL.path, sha256: partSHA, size: Int64(data.count),
                                      source: (sha, span), timings: timings))
        }
        let stored = results.filter { if case .stored = $0 { true } else { false } }.count
        logger.info("split", metadata: ["path": "\(item.path)", "documents": "\(parts.count)", "stored": "\(stored)",
                                        "parts": "\(folder.path)"])
        let file = DocumentWrite(document: DocumentRecord(
            sha256: sha, path: item.path, size: size, pageCount: pages.count, kind: .batch, state: .done,
            runID: runID, timings: timings))
        return .split(file, parts: results)
    }

    /// One part's result: known already, a copy of one in flight, stored, or quarantined.
    private func partResult(_ part: SeparatedDocument, path: String, sha256 sha: String, size: Int64,
                            source: (sha256: String, pages: String), timings: [String: Double]) -> WorkResult {
        guard inFlight.claim(sha) else { return .duplicate(sha256: sha, path: path) }
        do {
            if let known = try retrying({ () throws(StoreError) in try database.knownDocument(sha256: sha) }),
               let id = known.id, !takeForced(sha, state: known.state) {
                inFlight.release([sha])
                return .seen(documentID: id, path: path)
            }
        } catch {
            inFlight.release([sha])
            fail(.store(error))
            return .unchanged
        }
        var timings = timings.filter { !$0.key.hasPrefix("read: ") }
        for (step, milliseconds) in part.stepMilliseconds { timings["read: " + step] = milliseconds.rounded() }
        switch part.reading {
        case .success(let reading):
            return storedResult(reading, sha256: sha, path: path, size: size, timings: timings, source: source)
        case .failure(let error):
            let failure = Self.failure(error)
            logger.warning("quarantined", metadata: [
                "path": "\(path)", "stage": "\(failure.stage.rawValue)", "reason": "\(failure.reason)"])
            return .quarantined(Quarantine(path: path, sha256: sha, size: size, stage: failure.stage, reason: failure.reason,
                                           timings: timings, source: source))
        }
    }
}
