// The C math library for this module's own formulas (exp, log, pow, …). Not re-exported: every
// module imports what it uses itself.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
