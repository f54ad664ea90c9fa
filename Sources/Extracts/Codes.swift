import Foundation

/// The closed code lists of `extracts.md`, each as a small integer code.
///
/// Codes are what the panel stores; `name` is what outputs and configuration use.
public protocol RegisterCode: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == UInt8 {
    /// The code as it appears in extracts, configuration and outputs.
    var name: String { get }
}

extension RegisterCode {
    /// The code named `name` in an extract or the configuration.
    public init?(name: String) {
        guard let c = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = c
    }

    /// Matches the bytes of a field against the code names (a handful, so a linear scan).
    @inline(__always)
    static func match(_ p: UnsafePointer<UInt8>, _ n: Int, in table: [(bytes: [UInt8], code: Self)]) -> Self? {
        for entry in table where entry.bytes.count == n {
            if entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, p, n) == 0 }) { return entry.code }
        }
        return nil
    }

    static var byteTable: [(bytes: [UInt8], code: Self)] { allCases.map { (Array($0.name.utf8), $0) } }
}

/// `hovedstatus`: the person's main status in Arena. Raw value 0 is reserved for "no row".
public enum Hovedstatus: UInt8, RegisterCode {
    case arbs = 1, neds = 2, iarbs = 3
    public var name: String { ["", "ARBS", "NEDS", "IARBS"][Int(rawValue)] }
}

/// `innsatsgruppe`: the needs assessment (14a decision). Raw value 0 is "empty".
public enum Innsatsgruppe: UInt8, RegisterCode {
    case ikval = 1, bform, batt, varig, ivurd, bkart, kap11, oppfi, vurdi, vurdu
    public var name: String {
        ["", "IKVAL", "BFORM", "BATT", "VARIG", "IVURD", "BKART", "KAP11", "OPPFI", "VURDI", "VURDU"][Int(rawValue)]
    }
}

/// `ytelse`: a benefit received at month end. The raw value is a bit position in a benefit mask.
public enum Benefit: UInt8, RegisterCode {
    case dagp = 0, aap, tiltp, indst, ovst, ufor, alder
    public var name: String { ["DAGP", "AAP", "TILTP", "INDST", "OVST", "UFOR", "ALDER"][Int(rawValue)] }
    public var bit: UInt8 { 1 << rawValue }

    /// The mask of a set of benefits.
    public static func mask<S: Sequence>(_ benefits: S) -> UInt8 where S.Element == Benefit {
        benefits.reduce(0) { $0 | $1.bit }
    }
}

/// `utdanning`: highest education. Raw value 0 is "unknown" (empty field).
public enum Utdanning: UInt8, RegisterCode {
    case g = 1, v, h4, h5
    public var name: String { ["", "G", "V", "H4", "H5"][Int(rawValue)] }
}

/// `innvandrer`: immigrant. Raw value 0 is "unknown" (empty field).
public enum Innvandrer: UInt8, RegisterCode {
    case j = 1, n
    public var name: String { ["", "J", "N"][Int(rawValue)] }
}
