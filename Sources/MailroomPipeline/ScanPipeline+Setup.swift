import Foundation
import Logging
import MailroomCapture
import MailroomOCR
import MailroomPostcodes
import MailroomStore

extension ScanPipeline {
    /// What was settled before the threads start.
    struct PreparedRun {
        var runID: Int64
        var interrupted: [Int64]
        var forced: Set<String>
    }

    /// Loads forms and postcodes and checks the OCR languages; any problem is a usage error (exit 2).
    func makeDocumentReaderFactory() throws(ScanError) -> RecognizerFactory {
        let formsURL: URL
        let forms: FormLibrary
        do {
            formsURL = try options.formsDirectory ?? FormLibrary.locate()
            forms = try FormLibrary(directory: formsURL)
        } catch {
            throw .configuration("forms: \(error)")
        }
        formCountries = Dictionary(forms.forms.map { ($0.id, $0.country) }, uniquingKeysWith: { first, _ in first })
        let postcodes: PostcodeDirectory
        do {
            let folder: URL
            if let explicit = options.postcodesDirectory { folder = explicit } else { folder = try PostcodeDirectory.locate() }
            postcodes = try PostcodeDirectory(directory: folder)
        } catch {
            throw .configuration("postcodes: \(error), or pass --postcodes DIR")
        }
        do {
            _ = try Engine(.init(languages: options.languages))
        } catch {
            throw .configuration("--lang \(options.languages.joined(separator: "+")): \(error)")
        }
        logger.info("configuration", metadata: [
            "forms": "\(formsURL.path) (\(forms.forms.count))", "languages": "\(options.languages.joined(separator: "+"))"])
        var settings = CaptureConfiguration(forms: forms, postcodes: postcodes, letterLanguages: options.languages)
        settings.ocrDeadlineMilliseconds = Int(options.timeout * 1000)
        settings.models = CaptureConfiguration.locateModels()
        settings.learnedDomains = learnedDomains
        do {
            settings.references = try ReferencePattern.locate(explicit: options.referencesPath)
        } catch {
            throw .configuration("references: \(error)")
        }
        let configuration = settings
        return { try DocumentReader(configuration) }
    }

    /// Opens the database, retrying while another connection keeps it busy.
    func openDatabase(_ path: String) throws(ScanError) -> MailroomDatabase {
        do {
            return try withRetry(PipelineStage.persist.policy, shouldRetry: RunContext.isBusy,
                                 onRetry: { _, _ in setupRetries += 1 }) { () throws(StoreError) in
                try MailroomDatabase.open(path: path, busyTimeout: options.busyTimeout)
            }
        } catch {
            throw .store(error)
        }
    }

    /// Marks killed runs interrupted, records this run, lists the documents to read again, and
    /// teaches the e-mail domain book the domains already stored.
    func prepareRun(_ database: MailroomDatabase) throws(ScanError) -> PreparedRun {
        func retrying<T>(_ body: () throws(StoreError) -> T) throws(ScanError) -> T {
            do {
                return try withRetry(PipelineStage.persist.policy, shouldRetry: RunContext.isBusy,
                                     onRetry: { error, _ in
                    setupRetries += 1
                    logger.warning("database busy, retrying", metadata: ["error": "\(error)"])
                }, body)
            } catch {
                throw .store(error)
            }
        }
        let interrupted = try retrying { () throws(StoreError) in try database.markRunningRunsInterrupted() }
        if !interrupted.isEmpty {
            logger.warning("earlier runs were killed; marked interrupted", metadata: ["runs": "\(interrupted)"])
        }
        var forced = Set<String>()
        let prefixes = options.reprocessPrefixes
        if !prefixes.isEmpty {
            let chosen = try retrying { () throws(StoreError) in try database.documents(sha256Prefixes: prefixes) }
            for prefix in prefixes where !chosen.contains(where: { $0.sha256.hasPrefix(prefix.lowercased()) }) {
                throw .configuration("--reprocess \(prefix) matches no stored document")
            }
            forced.formUnion(chosen.filter { $0.state != .erased }.map(\.sha256))
        }
        let deferred = try retrying { () throws(StoreError) in try database.documents(state: .deferred) }
        forced.formUnion(deferred.map(\.sha256))
        if options.reprocessAll {
            let all = try retrying { () throws(StoreError) in try database.documents(sha256Prefixes: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]) }
            forced.formUnion(all.filter { $0.state != .erased }.map(\.sha256))
        }
        let domains = try retrying { () throws(StoreError) in try database.emailDomainCounts() }
        learnedDomains.learn(domainCounts: domains)
        logger.info("e-mail domains known from stored coupons", metadata: ["domains": "\(learnedDomains.known.sorted())"])
        let runID = try retrying { () throws(StoreError) in
            try database.beginRun(jobs: options.jobs, arguments: options.arguments)
        }
        return PreparedRun(runID: runID, interrupted: interrupted, forced: forced)
    }
}
