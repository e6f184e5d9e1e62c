/// Shared machinery of the score-based policies: fill a score per host (SIMD or scalar), take the
/// argmin, and only then ask the (expensive, engine-side) overload check — walking candidates in
/// (score, index) order until one passes. That is exactly the host CloudSim's full scan would pick
/// (the minimum score among hosts that pass, lowest index on ties) while calling the check on a few
/// hosts instead of all of them.
@usableFromInline
enum ScoredChoice {
    /// - Parameters:
    ///   - fill: writes scores[h] (+∞ = unsuitable) for all hosts.
    ///   - needsCheck: whether host h must pass the overload check.
    ///   - fusedArgmin: optional one-pass argmin that does not store scores (SIMD fast path); the
    ///     scores are only filled if the best host fails the overload check.
    static func choose(for guest: PlacementGuest, hostCount: Int, context: inout PlacementContext,
                       fill: (inout [Double], Bool) -> Void, fusedArgmin: (() -> Int?)? = nil,
                       needsCheck: (Int) -> Bool) -> Int? {
        var filled = false
        let first: Int?
        if let fusedArgmin {
            first = fusedArgmin()
        } else {
            fillScores(hostCount, &context, fill)
            filled = true
            first = context.useSIMD ? ArgminKernel.simd(context.scratchScores, count: hostCount)
                                    : ArgminKernel.scalar(context.scratchScores, count: hostCount)
        }
        guard let first else { return nil }
        guard let check = context.wouldBeOverloaded else { return first }
        if !needsCheck(first) || !check(first, guest) { return first }
        if !filled { fillScores(hostCount, &context, fill) }
        // The best host fails the check: walk the remaining finite candidates in (score, index) order.
        var ranked: [(score: Double, host: Int)] = []
        for h in 0..<hostCount where h != first && context.scratchScores[h] < .infinity {
            ranked.append((context.scratchScores[h], h))
        }
        ranked.sort { $0.score != $1.score ? $0.score < $1.score : $0.host < $1.host }
        for c in ranked where !needsCheck(c.host) || !check(c.host, guest) { return c.host }
        return nil
    }

    private static func fillScores(_ hostCount: Int, _ context: inout PlacementContext, _ fill: (inout [Double], Bool) -> Void) {
        if context.scratchScores.count < hostCount {
            context.scratchScores = [Double](repeating: .infinity, count: hostCount)
        }
        fill(&context.scratchScores, context.useSIMD)
    }

    /// Full scalar scan for explanations: one verdict per host, the overload check applied to every
    /// suitable host that needs it (as CloudSim does), winner = lowest score, lowest index on ties.
    static func explain(for guest: PlacementGuest, hostCount: Int, context: PlacementContext,
                        score: (Int) -> (score: Double?, rejection: PlacementRejection?),
                        needsCheck: (Int) -> Bool) -> (verdicts: [CandidateVerdict], chosen: Int?) {
        var verdicts: [CandidateVerdict] = []
        verdicts.reserveCapacity(hostCount)
        var best = Double.infinity
        var chosen: Int? = nil
        for h in 0..<hostCount {
            var (s, r) = score(h)
            if r == nil, let check = context.wouldBeOverloaded, needsCheck(h), check(h, guest) {
                r = .wouldBeOverloaded
            }
            if r != nil { s = nil }
            verdicts.append(CandidateVerdict(host: h, rejection: r, score: s))
            if let s, s < best {
                best = s
                chosen = h
            }
        }
        return (verdicts, chosen)
    }
}
