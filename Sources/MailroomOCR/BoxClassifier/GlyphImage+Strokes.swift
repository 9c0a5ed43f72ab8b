extension GlyphImage {
    /// One connected stroke: 8-connected pixels at or above the stroke level.
    public struct Stroke: Sendable, Hashable {
        /// Pixel indices (`y * width + x`) in the image the stroke was found in.
        public var pixels: [Int]
        public var minX: Int, minY: Int, maxX: Int, maxY: Int

        public var width: Int { maxX - minX + 1 }
        public var height: Int { maxY - minY + 1 }
    }

    /// Every connected stroke of at least `minimumPixels` pixels, in scan order.
    public func strokes(minimumPixels: Int = 3) -> [Stroke] {
        var visited = [Bool](repeating: false, count: ink.count)
        var found: [Stroke] = []
        var stack: [Int] = []
        for start in ink.indices where ink[start] >= Self.strokeLevel && !visited[start] {
            visited[start] = true
            stack.append(start)
            var stroke = Stroke(pixels: [], minX: width, minY: height, maxX: -1, maxY: -1)
            while let index = stack.popLast() {
                stroke.pixels.append(index)
                let x = index % width, y = index / width
                stroke.minX = min(stroke.minX, x); stroke.maxX = max(stroke.maxX, x)
                stroke.minY = min(stroke.minY, y); stroke.maxY = max(stroke.maxY, y)
                for dy in -1...1 {
                    for dx in -1...1 where dx != 0 || dy != 0 {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, nx < width, ny >= 0, ny < height else { continue }
                        let neighbour = ny * width + nx
                        if !visited[neighbour], ink[neighbour] >= Self.strokeLevel {
                            visited[neighbour] = true
                            stack.append(neighbour)
                        }
                    }
                }
            }
            if stroke.pixels.count >= minimumPixels { found.append(stroke) }
        }
        return found
    }
}
