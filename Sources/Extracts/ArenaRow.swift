/// One Arena row packed into 8 bytes: everything the definitions read of a person in a month.
///
/// The same layout is the panel's cell, so a parsed row is stored without conversion.
/// An all-zero value means "no row in that month".
public struct ArenaRow: Sendable, Equatable, BitwiseCopyable {
    /// 4-digit NAV unit as a number (0-9999).
    public var enhet: UInt16
    /// Measure code: an id in a measure `KeyTable` plus one; 0 = no measure.
    public var tiltak: UInt16
    /// Low 2 bits: `Hovedstatus` (0 = no row); next 4 bits: `Innsatsgruppe` (0 = empty).
    public var statusBits: UInt8
    /// Age at month end.
    public var alder: UInt8
    /// County 0-99; 255 = empty.
    public var fylke: UInt8
    /// bit 0: male; bit 1: laid off; bits 2-4: `Utdanning` (0 unknown); bits 5-6: `Innvandrer` (0 unknown).
    public var traits: UInt8

    public static let none = ArenaRow(enhet: 0, tiltak: 0, statusBits: 0, alder: 0, fylke: 0, traits: 0)
    public static let noFylke: UInt8 = 255

    public init(enhet: UInt16, tiltak: UInt16, statusBits: UInt8, alder: UInt8, fylke: UInt8, traits: UInt8) {
        self.enhet = enhet
        self.tiltak = tiltak
        self.statusBits = statusBits
        self.alder = alder
        self.fylke = fylke
        self.traits = traits
    }

    public init(hovedstatus: Hovedstatus, innsatsgruppe: Innsatsgruppe?, enhet: Int, fylke: Int?, tiltak: UInt16,
                alder: Int, male: Bool, utdanning: Utdanning?, innvandrer: Innvandrer?, permittert: Bool) {
        self.enhet = UInt16(enhet)
        self.tiltak = tiltak
        statusBits = hovedstatus.rawValue | ((innsatsgruppe?.rawValue ?? 0) << 2)
        self.alder = UInt8(alder)
        self.fylke = fylke.map(UInt8.init) ?? ArenaRow.noFylke
        traits = (male ? 1 : 0) | (permittert ? 2 : 0) | ((utdanning?.rawValue ?? 0) << 2) | ((innvandrer?.rawValue ?? 0) << 5)
    }

    @inline(__always) public var hasRow: Bool { statusBits & 3 != 0 }
    /// Raw `Hovedstatus` value, 0 when there is no row.
    @inline(__always) public var statusCode: UInt8 { statusBits & 3 }
    public var hovedstatus: Hovedstatus? { Hovedstatus(rawValue: statusCode) }
    @inline(__always) public var innsatsCode: UInt8 { statusBits >> 2 }
    public var innsatsgruppe: Innsatsgruppe? { Innsatsgruppe(rawValue: innsatsCode) }
    public var isMale: Bool { traits & 1 != 0 }
    public var isLaidOff: Bool { traits & 2 != 0 }
    public var utdanning: Utdanning? { Utdanning(rawValue: (traits >> 2) & 7) }
    public var innvandrer: Innvandrer? { Innvandrer(rawValue: (traits >> 5) & 3) }
    public var hasFylke: Bool { fylke != ArenaRow.noFylke }
}
