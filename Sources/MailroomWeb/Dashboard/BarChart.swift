import Foundation

/// A horizontal bar chart drawn as SVG by the page template: rows of labelled, stacked bars.
///
/// It computes geometry only; the template writes the elements and escapes every label, and
/// colours come from the stylesheet's classes, so the chart needs no inline style or script.
struct BarChart {
    /// One part of a bar: a value and the stylesheet class that colours it.
    struct Segment {
        var value: Double
        var kind: String
    }

    struct Row {
        var label: String
        var segments: [Segment]
        /// The text after the bar (the total, by default).
        var note: String?
    }

    var title: String
    var rows: [Row]
    /// The legend: class and meaning of each segment kind, in order.
    var legend: [(kind: String, label: String)] = []

    static let labelWidth = 170.0
    static let barWidth = 360.0
    static let rowHeight = 26.0

    /// The template's view: sizes as text, bars as rectangles with their position.
    var view: [String: Any] {
        let largest = rows.map { $0.segments.reduce(0) { $0 + $1.value } }.max() ?? 0
        let scale = largest > 0 ? Self.barWidth / largest : 0
        let height = Self.rowHeight * Double(max(rows.count, 1)) + 8
        let rowViews: [[String: Any]] = rows.enumerated().map { index, row in
            let y = 4 + Double(index) * Self.rowHeight
            var x = Self.labelWidth
            var rects: [[String: String]] = []
            for segment in row.segments where segment.value > 0 {
                let width = max(1, segment.value * scale)
                rects.append(["x": Self.text(x), "y": Self.text(y + 3), "width": Self.text(width),
                              "height": Self.text(Self.rowHeight - 8), "kind": segment.kind,
                              "value": Self.text(segment.value)])
                x += width
            }
            let total = row.segments.reduce(0) { $0 + $1.value }
            return ["label": row.label, "labelY": Self.text(y + Self.rowHeight / 2 + 4), "bars": rects,
                    "noteX": Self.text(x + 6), "note": row.note ?? Self.text(total)]
        }
        return [
            "title": title, "rows": rowViews, "empty": rows.isEmpty,
            "width": Self.text(Self.labelWidth + Self.barWidth + 170), "height": Self.text(height),
            "labelX": Self.text(Self.labelWidth - 6),
            "legend": legend.map { ["kind": $0.kind, "label": $0.label] }, "hasLegend": !legend.isEmpty,
        ]
    }

    /// A number without a needless ".0".
    static func text(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
