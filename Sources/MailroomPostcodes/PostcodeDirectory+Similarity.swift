/// The text comparison the coupon cross-check shares with the directory's own search.
extension PostcodeDirectory {
    /// Folds text for comparison: accents removed (including letters Unicode does not
    /// decompose: Ł→L, Ø→O, Æ→AE, ß→SS, Đ→D), uppercase, every run of spaces and punctuation
    /// made one space, trimmed. "Łódź" → "LODZ", "Saint-Étienne" → "SAINT ETIENNE".
    public static func fold(_ text: String) -> String {
        TextFolding.fold(text)
    }

    /// How alike two names are, in 0…1: 1 − edit distance / longer length, on folded text,
    /// counting an adjacent transposition as one edit. "Kraków" vs "KRAKOW" → 1,
    /// "Milan" vs "Milano" ≈ 0.83. 0 when either side folds to nothing.
    public static func similarity(_ a: String, _ b: String) -> Double {
        EditDistance.similarity(TextFolding.foldedScalars(a).map(\.value),
                                TextFolding.foldedScalars(b).map(\.value))
    }
}
