import MailroomImaging

extension Registration {
    /// The most cards looked for on one page: a flatbed's glass holds four or six.
    static let mostCardsOnAPage = 12
    /// The margin kept around a card cut from a page holding several, as a share of the form's
    /// size on each side: room for a card registered a little off, and for writing past its edge.
    static let cardMargin = 0.04

    /// The scan rectangle of the whole form under this registration, `margin` of its size added
    /// on every side.
    func cardRect(form: Form, margin: Double = Registration.cardMargin) -> PixelRect {
        rect(for: Form.Zone(x: -margin, y: -margin, w: 1 + 2 * margin, h: 1 + 2 * margin), form: form)
    }

    /// Every card on a page whose marks fit `first`, in reading order: `first`'s alone when the
    /// page holds one card.
    ///
    /// A flatbed scan often holds several cards laid side by side, and registration finds one
    /// of them: the others were lost with no word. After each card is found, the marks inside
    /// it are set aside and the rest matched again. Another card counts only when all its
    /// form's anchors land on squares of a mark's fill with a small residual (`otherCard`), at
    /// about the first card's scale, clear of the cards found so far: blots and tick boxes left
    /// on a page holding one card do not fit so well.
    static func cards(on binary: Image, forms: [Form], blobs: [(box: PixelRect, fill: Double)],
                      first: (form: Form, registration: Registration)) -> [PixelRect] {
        let page = PixelRect(x: 0, y: 0, width: binary.width, height: binary.height)
        var cards = [first.registration.cardRect(form: first.form).clamped(width: page.width, height: page.height)]
        var remaining = blobs.filter { !cards[0].contains(centreOf: $0.box) }
        while cards.count < mostCardsOnAPage {
            let squares = remaining.filter { $0.fill > squareFill }.map(\.box)
            guard squares.count >= 3, let next = otherCard(forms: forms, squares: squares, scale: first.registration.transform.scale)
            else { break }
            let rect = next.registration.cardRect(form: next.form).clamped(width: page.width, height: page.height)
            guard cards.allSatisfy({ $0.overlap(with: rect) < 0.1 }) else { break }
            cards.append(rect)
            remaining.removeAll { rect.contains(centreOf: $0.box) }
        }
        return inReadingOrder(cards)
    }

    /// Cards in the order people read them: row by row from the top, each row from the left. A
    /// card belongs to the row of the topmost card its centre is within half a height of.
    static func inReadingOrder(_ cards: [PixelRect]) -> [PixelRect] {
        var rows: [[PixelRect]] = []
        for card in cards.sorted(by: { $0.y + $0.height / 2 < $1.y + $1.height / 2 }) {
            let centre = card.y + card.height / 2
            if let last = rows.indices.last, let top = rows[last].first, abs(centre - (top.y + top.height / 2)) < top.height / 2 {
                rows[last].append(card)
            } else {
                rows.append([card])
            }
        }
        return rows.flatMap { $0.sorted { $0.x < $1.x } }
    }

    /// The residual, relative to a mark's side, under which another card's marks fit its form
    /// (`otherCard`). A phone photo's perspective bends a card's four marks off any affine fit:
    /// of two cards photographed side by side with a 6% keystone, the second was missed under
    /// 0.2 and is found under 0.4.
    static let otherCardResidual = 0.4

    /// The best registration of any form on `squares` that puts every anchor on a mark with a
    /// residual under `otherCardResidual`, at a scale within 20% of `scale`.
    private static func otherCard(forms: [Form], squares: [PixelRect], scale: Double) -> (form: Form, registration: Registration)? {
        var best: (form: Form, registration: Registration)?
        for form in forms {
            for candidate in candidates(for: form, squares: squares)
            where candidate.matchedAnchors == form.anchors.points.count && candidate.relativeResidual < Self.otherCardResidual
                && abs(candidate.transform.scale / scale - 1) < 0.2 {
                if let current = best?.registration, current.residualPixels <= candidate.residualPixels { continue }
                best = (form, candidate)
            }
        }
        return best
    }
}

extension PixelRect {
    /// Whether the centre of `box` lies inside this rectangle.
    func contains(centreOf box: PixelRect) -> Bool {
        let cx = box.x + box.width / 2, cy = box.y + box.height / 2
        return cx >= x && cx < maxX && cy >= y && cy < maxY
    }

    /// The rectangle with every coordinate multiplied by `factor`.
    func scaled(by factor: Double) -> PixelRect {
        let x0 = Int((Double(x) * factor).rounded()), y0 = Int((Double(y) * factor).rounded())
        return PixelRect(x: x0, y: y0, width: Int((Double(maxX) * factor).rounded()) - x0,
                         height: Int((Double(maxY) * factor).rounded()) - y0)
    }

    /// The share of the smaller of the two rectangles that the other covers.
    func overlap(with other: PixelRect) -> Double {
        let w = min(maxX, other.maxX) - max(x, other.x), h = min(maxY, other.maxY) - max(y, other.y)
        guard w > 0, h > 0 else { return 0 }
        let smaller = min(width * height, other.width * other.height)
        return smaller > 0 ? Double(w * h) / Double(smaller) : 1
    }
}
