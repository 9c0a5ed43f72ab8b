/// Draws a grey picture in a terminal with the upper half block `▀`.
///
/// Each character cell shows two pixels: the upper one as the foreground colour, the lower
/// one as the background. 24-bit colour draws exact greys; the 256-colour palette has a
/// 24-step grey ramp (232–255) plus black (16) and white (231).
public enum TerminalImage {
    public enum Colours: String, Sendable, CaseIterable {
        case trueColour = "24bit"
        case palette256 = "256"

        /// 24-bit when `COLORTERM` says the terminal has it, else the 256-colour ramp.
        public static func detect(environment: [String: String]) -> Colours {
            let value = environment["COLORTERM"]?.lowercased() ?? ""
            return value.contains("truecolor") || value.contains("24bit") ? .trueColour : .palette256
        }
    }

    /// The lines of escape sequences and `▀` that draw `raster`, one string per text row.
    public static func render(_ raster: GreyRaster, colours: Colours) -> [String] {
        var lines: [String] = []
        var y = 0
        while y < raster.height {
            var line = ""
            for x in 0..<raster.width {
                let top = raster[x, y]
                let bottom = y + 1 < raster.height ? raster[x, y + 1] : 255
                line += code(top, foreground: true, colours) + code(bottom, foreground: false, colours) + "▀"
            }
            lines.append(line + "\u{1B}[0m")
            y += 2
        }
        return lines
    }

    static func code(_ grey: UInt8, foreground: Bool, _ colours: Colours) -> String {
        let layer = foreground ? 38 : 48
        switch colours {
        case .trueColour:
            return "\u{1B}[\(layer);2;\(grey);\(grey);\(grey)m"
        case .palette256:
            return "\u{1B}[\(layer);5;\(paletteIndex(grey))m"
        }
    }

    /// The nearest of the 256-colour palette's 26 greys.
    static func paletteIndex(_ grey: UInt8) -> Int {
        let value = Int(grey)
        // Ramp 232+i is 8 + 10i for i in 0...23; 16 is 0 and 231 is 255.
        if value < 4 { return 16 }
        if value > 246 { return 231 }
        return 232 + min(23, max(0, (value - 8 + 5) / 10))
    }
}
