export namespace bridge {
	
	export class AppRegistration {
	    clientId: string;
	    tenantId: string;
	    grantedScopes: string;
	
	    static createFrom(source: any = {}) {
	        return new AppRegistration(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.clientId = source["clientId"];
	        this.tenantId = source["tenantId"];
	        this.grantedScopes = source["grantedScopes"];
	    }
	}
	export class AuditExport {
	    path: string;
	    rows: number;
	
	    static createFrom(source: any = {}) {
	        return new AuditExport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.rows = source["rows"];
	    }
	}
	export class AuditRow {
	    entry: store.AuditEntry;
	    canUndo: boolean;
	    undoBlocker: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entry = this.convertValues(source["entry"], store.AuditEntry);
	        this.canUndo = source["canUndo"];
	        this.undoBlocker = source["undoBlocker"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FindingRow {
	    kind: string;
	    label: string;
	    sentence: string;
	    contactId: string;
	    accountId: string;
	    tenantId: string;
	    tenantName: string;
	
	    static createFrom(source: any = {}) {
	        return new FindingRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.label = source["label"];
	        this.sentence = source["sentence"];
	        this.contactId = source["contactId"];
	        this.accountId = source["accountId"];
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	    }
	}
	export class ClientTenantRow {
	    tenantId: string;
	    tenantName: string;
	    defaultDomain: string;
	    synced: boolean;
	    dataDate: string;
	    users: number;
	    licensed: number;
	    mfaAvailable: boolean;
	    mfaCoveragePct: number;
	    unusedLicenses: number;
	    monthlySpend: number;
	    monthlyWaste: number;
	    hasMoney: boolean;
	    currency: string;
	    secureScore: review.SecureScoreView;
	
	    static createFrom(source: any = {}) {
	        return new ClientTenantRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.defaultDomain = source["defaultDomain"];
	        this.synced = source["synced"];
	        this.dataDate = source["dataDate"];
	        this.users = source["users"];
	        this.licensed = source["licensed"];
	        this.mfaAvailable = source["mfaAvailable"];
	        this.mfaCoveragePct = source["mfaCoveragePct"];
	        this.unusedLicenses = source["unusedLicenses"];
	        this.monthlySpend = source["monthlySpend"];
	        this.monthlyWaste = source["monthlyWaste"];
	        this.hasMoney = source["hasMoney"];
	        this.currency = source["currency"];
	        this.secureScore = this.convertValues(source["secureScore"], review.SecureScoreView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ClientKPIs {
	    users: number;
	    licensed: number;
	    guests: number;
	    disabled: number;
	    mfaRegistered: number;
	    mfaEligible: number;
	    mfaAvailable: boolean;
	    mfaCoveragePct: number;
	    purchased: number;
	    assigned: number;
	    unused: number;
	    utilizationPct: number;
	    monthlySpend: number;
	    annualSpend: number;
	    monthlyWaste: number;
	    hasMoney: boolean;
	    currency: string;
	    inactive: number;
	    inactiveLicensed: number;
	    inactiveDays: number;
	
	    static createFrom(source: any = {}) {
	        return new ClientKPIs(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.users = source["users"];
	        this.licensed = source["licensed"];
	        this.guests = source["guests"];
	        this.disabled = source["disabled"];
	        this.mfaRegistered = source["mfaRegistered"];
	        this.mfaEligible = source["mfaEligible"];
	        this.mfaAvailable = source["mfaAvailable"];
	        this.mfaCoveragePct = source["mfaCoveragePct"];
	        this.purchased = source["purchased"];
	        this.assigned = source["assigned"];
	        this.unused = source["unused"];
	        this.utilizationPct = source["utilizationPct"];
	        this.monthlySpend = source["monthlySpend"];
	        this.annualSpend = source["annualSpend"];
	        this.monthlyWaste = source["monthlyWaste"];
	        this.hasMoney = source["hasMoney"];
	        this.currency = source["currency"];
	        this.inactive = source["inactive"];
	        this.inactiveLicensed = source["inactiveLicensed"];
	        this.inactiveDays = source["inactiveDays"];
	    }
	}
	export class ClientDetail {
	    client: review.ClientRow;
	    website: string;
	    identifier: string;
	    psaId: string;
	    mergeFrom: string;
	    kpis: ClientKPIs;
	    tenants: ClientTenantRow[];
	    rows: review.ContactRow[];
	    findings: FindingRow[];
	    notes: string[];
	
	    static createFrom(source: any = {}) {
	        return new ClientDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.client = this.convertValues(source["client"], review.ClientRow);
	        this.website = source["website"];
	        this.identifier = source["identifier"];
	        this.psaId = source["psaId"];
	        this.mergeFrom = source["mergeFrom"];
	        this.kpis = this.convertValues(source["kpis"], ClientKPIs);
	        this.tenants = this.convertValues(source["tenants"], ClientTenantRow);
	        this.rows = this.convertValues(source["rows"], review.ContactRow);
	        this.findings = this.convertValues(source["findings"], FindingRow);
	        this.notes = source["notes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ClientExportInput {
	    clientId: number;
	    template: string;
	    format: string;
	    outPath: string;
	
	    static createFrom(source: any = {}) {
	        return new ClientExportInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.clientId = source["clientId"];
	        this.template = source["template"];
	        this.format = source["format"];
	        this.outPath = source["outPath"];
	    }
	}
	
	export class ClientRef {
	    id: number;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new ClientRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	
	export class ColumnView {
	    key: string;
	    label: string;
	    hidden: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ColumnView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.hidden = source["hidden"];
	    }
	}
	export class ConnectRequest {
	    partner: boolean;
	    tenant: string;
	
	    static createFrom(source: any = {}) {
	        return new ConnectRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.partner = source["partner"];
	        this.tenant = source["tenant"];
	    }
	}
	export class ConnectResult {
	    connectionId: string;
	    tenants: review.TenantRow[];
	    warnings: string[];
	
	    static createFrom(source: any = {}) {
	        return new ConnectResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.connectionId = source["connectionId"];
	        this.tenants = this.convertValues(source["tenants"], review.TenantRow);
	        this.warnings = source["warnings"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ExportInput {
	    versionId: number;
	    tenantId: string;
	    allTenants: boolean;
	    template: string;
	    format: string;
	    outPath: string;
	
	    static createFrom(source: any = {}) {
	        return new ExportInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.versionId = source["versionId"];
	        this.tenantId = source["tenantId"];
	        this.allTenants = source["allTenants"];
	        this.template = source["template"];
	        this.format = source["format"];
	        this.outPath = source["outPath"];
	    }
	}
	export class ExportOutcome {
	    files: string[];
	    rows: number;
	    cancelled: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ExportOutcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.files = source["files"];
	        this.rows = source["rows"];
	        this.cancelled = source["cancelled"];
	    }
	}
	
	export class ImportFailure {
	    line: number;
	    reason: string;
	    remedy: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportFailure(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.reason = source["reason"];
	        this.remedy = source["remedy"];
	    }
	}
	export class ImportInput {
	    path: string;
	    content: string;
	    fileName: string;
	    preset: string;
	    mapping?: contactcsv.Mapping;
	
	    static createFrom(source: any = {}) {
	        return new ImportInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.content = source["content"];
	        this.fileName = source["fileName"];
	        this.preset = source["preset"];
	        this.mapping = this.convertValues(source["mapping"], contactcsv.Mapping);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportProblem {
	    kind: string;
	    line: number;
	    lines: number[];
	    value: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportProblem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.line = source["line"];
	        this.lines = source["lines"];
	        this.value = source["value"];
	        this.message = source["message"];
	    }
	}
	export class ImportSample {
	    line: number;
	    company: string;
	    name: string;
	    emails: string[];
	    active: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportSample(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.company = source["company"];
	        this.name = source["name"];
	        this.emails = source["emails"];
	        this.active = source["active"];
	    }
	}
	export class ImportView {
	    fileName: string;
	    headers: string[];
	    preset: string;
	    detected: boolean;
	    encoding: string;
	    delimiter: string;
	    columns: contactcsv.Column[];
	    rows: number;
	    contacts: number;
	    problems: ImportProblem[];
	    noEmail: number;
	    duplicates: number;
	    added: number;
	    updated: number;
	    unchanged: number;
	    deactivated: number;
	    clientsAdded: number;
	    sample: ImportSample[];
	    committed: boolean;
	    failure?: ImportFailure;
	
	    static createFrom(source: any = {}) {
	        return new ImportView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fileName = source["fileName"];
	        this.headers = source["headers"];
	        this.preset = source["preset"];
	        this.detected = source["detected"];
	        this.encoding = source["encoding"];
	        this.delimiter = source["delimiter"];
	        this.columns = this.convertValues(source["columns"], contactcsv.Column);
	        this.rows = source["rows"];
	        this.contacts = source["contacts"];
	        this.problems = this.convertValues(source["problems"], ImportProblem);
	        this.noEmail = source["noEmail"];
	        this.duplicates = source["duplicates"];
	        this.added = source["added"];
	        this.updated = source["updated"];
	        this.unchanged = source["unchanged"];
	        this.deactivated = source["deactivated"];
	        this.clientsAdded = source["clientsAdded"];
	        this.sample = this.convertValues(source["sample"], ImportSample);
	        this.committed = source["committed"];
	        this.failure = this.convertValues(source["failure"], ImportFailure);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class KPIView {
	    label: string;
	    value: number;
	    previous: number;
	    hasPrev: boolean;
	    change: number;
	    kind: string;
	    better: string;
	    tone: string;
	
	    static createFrom(source: any = {}) {
	        return new KPIView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.label = source["label"];
	        this.value = source["value"];
	        this.previous = source["previous"];
	        this.hasPrev = source["hasPrev"];
	        this.change = source["change"];
	        this.kind = source["kind"];
	        this.better = source["better"];
	        this.tone = source["tone"];
	    }
	}
	export class LicensingEvents {
	    reclaimProgress: string;
	
	    static createFrom(source: any = {}) {
	        return new LicensingEvents(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reclaimProgress = source["reclaimProgress"];
	    }
	}
	export class LogLine {
	    at: string;
	    level: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new LogLine(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = source["at"];
	        this.level = source["level"];
	        this.message = source["message"];
	    }
	}
	export class MapFailure {
	    tenantId: string;
	    error: string;
	
	    static createFrom(source: any = {}) {
	        return new MapFailure(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.error = source["error"];
	    }
	}
	export class MapPair {
	    tenantId: string;
	    clientId: number;
	
	    static createFrom(source: any = {}) {
	        return new MapPair(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.clientId = source["clientId"];
	    }
	}
	export class MapSelectedResult {
	    mapped: number;
	    failed: MapFailure[];
	
	    static createFrom(source: any = {}) {
	        return new MapSelectedResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mapped = source["mapped"];
	        this.failed = this.convertValues(source["failed"], MapFailure);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PSAStatus {
	    connected: boolean;
	    kind: string;
	    site: string;
	    companyId: string;
	    lastSync: string;
	    lastError: string;
	    imports: types.ContactImport[];
	
	    static createFrom(source: any = {}) {
	        return new PSAStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.connected = source["connected"];
	        this.kind = source["kind"];
	        this.site = source["site"];
	        this.companyId = source["companyId"];
	        this.lastSync = source["lastSync"];
	        this.lastError = source["lastError"];
	        this.imports = this.convertValues(source["imports"], types.ContactImport);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PartTypeView {
	    kind: string;
	    label: string;
	    columns: ColumnView[];
	
	    static createFrom(source: any = {}) {
	        return new PartTypeView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.label = source["label"];
	        this.columns = this.convertValues(source["columns"], ColumnView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PriceRow {
	    tenantId: string;
	    skuId: string;
	    partNumber: string;
	    name: string;
	    unitPrice: number;
	    currency: string;
	    billing: string;
	    termStart: string;
	    termEnd: string;
	    monthly: number;
	
	    static createFrom(source: any = {}) {
	        return new PriceRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.skuId = source["skuId"];
	        this.partNumber = source["partNumber"];
	        this.name = source["name"];
	        this.unitPrice = source["unitPrice"];
	        this.currency = source["currency"];
	        this.billing = source["billing"];
	        this.termStart = source["termStart"];
	        this.termEnd = source["termEnd"];
	        this.monthly = source["monthly"];
	    }
	}
	export class ReclaimRow {
	    tenantId: string;
	    tenantName: string;
	    userId: string;
	    userPrincipalName: string;
	    displayName: string;
	    reason: string;
	    detail: string;
	    licenses: string;
	    skuIds: string[];
	    lastActive: string;
	    daysInactive: number;
	    monthlyCost: number;
	    currency: string;
	
	    static createFrom(source: any = {}) {
	        return new ReclaimRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.userId = source["userId"];
	        this.userPrincipalName = source["userPrincipalName"];
	        this.displayName = source["displayName"];
	        this.reason = source["reason"];
	        this.detail = source["detail"];
	        this.licenses = source["licenses"];
	        this.skuIds = source["skuIds"];
	        this.lastActive = source["lastActive"];
	        this.daysInactive = source["daysInactive"];
	        this.monthlyCost = source["monthlyCost"];
	        this.currency = source["currency"];
	    }
	}
	export class ReclaimListView {
	    rows: ReclaimRow[];
	    inactiveDays: number;
	    monthlyCost: number;
	    currency: string;
	    dataDate: string;
	
	    static createFrom(source: any = {}) {
	        return new ReclaimListView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], ReclaimRow);
	        this.inactiveDays = source["inactiveDays"];
	        this.monthlyCost = source["monthlyCost"];
	        this.currency = source["currency"];
	        this.dataDate = source["dataDate"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class VersionRow {
	    id: number;
	    reportId: number;
	    number: number;
	    status: string;
	    createdAt: string;
	    finalizedAt: string;
	    dataDate: string;
	    runIds: number[];
	
	    static createFrom(source: any = {}) {
	        return new VersionRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.reportId = source["reportId"];
	        this.number = source["number"];
	        this.status = source["status"];
	        this.createdAt = source["createdAt"];
	        this.finalizedAt = source["finalizedAt"];
	        this.dataDate = source["dataDate"];
	        this.runIds = source["runIds"];
	    }
	}
	export class ReportRow {
	    id: number;
	    tenantId: string;
	    tenantName: string;
	    name: string;
	    templateId: number;
	    templateName: string;
	    createdAt: string;
	    versions: VersionRow[];
	
	    static createFrom(source: any = {}) {
	        return new ReportRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.name = source["name"];
	        this.templateId = source["templateId"];
	        this.templateName = source["templateName"];
	        this.createdAt = source["createdAt"];
	        this.versions = this.convertValues(source["versions"], VersionRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RunRow {
	    id: number;
	    startedAt: string;
	    finishedAt: string;
	    status: string;
	    error: string;
	    trigger: string;
	
	    static createFrom(source: any = {}) {
	        return new RunRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.startedAt = source["startedAt"];
	        this.finishedAt = source["finishedAt"];
	        this.status = source["status"];
	        this.error = source["error"];
	        this.trigger = source["trigger"];
	    }
	}
	export class SettingValue {
	    key: string;
	    label: string;
	    value: string;
	    source: string;
	    envVar: string;
	    help: string;
	
	    static createFrom(source: any = {}) {
	        return new SettingValue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.value = source["value"];
	        this.source = source["source"];
	        this.envVar = source["envVar"];
	        this.help = source["help"];
	    }
	}
	export class SettingsView {
	    values: SettingValue[];
	    clouds: config.Cloud[];
	    demo: boolean;
	    dataDir: string;
	    locale: string;
	    systemLocale: string;
	
	    static createFrom(source: any = {}) {
	        return new SettingsView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.values = this.convertValues(source["values"], SettingValue);
	        this.clouds = this.convertValues(source["clouds"], config.Cloud);
	        this.demo = source["demo"];
	        this.dataDir = source["dataDir"];
	        this.locale = source["locale"];
	        this.systemLocale = source["systemLocale"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TemplateView {
	    id: number;
	    name: string;
	    isDefault: boolean;
	    inactiveDays: number;
	    mergeFrom: string;
	    parts: types.PartSettings[];
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new TemplateView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.isDefault = source["isDefault"];
	        this.inactiveDays = source["inactiveDays"];
	        this.mergeFrom = source["mergeFrom"];
	        this.parts = this.convertValues(source["parts"], types.PartSettings);
	        this.updatedAt = source["updatedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TrendRequest {
	    tenantId: string;
	    clientId: number;
	    range: string;
	
	    static createFrom(source: any = {}) {
	        return new TrendRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.clientId = source["clientId"];
	        this.range = source["range"];
	    }
	}
	
	export class VersionView {
	    version: VersionRow;
	    tenantName: string;
	    dataDate: string;
	    prevDate: string;
	    currency: string;
	    kpis: KPIView[];
	    notes: string[];
	    reclaim: number;
	
	    static createFrom(source: any = {}) {
	        return new VersionView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = this.convertValues(source["version"], VersionRow);
	        this.tenantName = source["tenantName"];
	        this.dataDate = source["dataDate"];
	        this.prevDate = source["prevDate"];
	        this.currency = source["currency"];
	        this.kpis = this.convertValues(source["kpis"], KPIView);
	        this.notes = source["notes"];
	        this.reclaim = source["reclaim"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace config {
	
	export class Cloud {
	    name: string;
	    label: string;
	    authority: string;
	    graph: string;
	    missing: string[];
	
	    static createFrom(source: any = {}) {
	        return new Cloud(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.authority = source["authority"];
	        this.graph = source["graph"];
	        this.missing = source["missing"];
	    }
	}

}

export namespace contactcsv {
	
	export class Column {
	    field: string;
	    header: string;
	    index: number;
	
	    static createFrom(source: any = {}) {
	        return new Column(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.header = source["header"];
	        this.index = source["index"];
	    }
	}
	export class Mapping {
	    id?: string;
	    companyId?: string;
	    company?: string;
	    firstName?: string;
	    lastName?: string;
	    displayName?: string;
	    title?: string;
	    emails?: string[];
	    phones?: string[];
	    active?: string;
	    inactive?: string;
	
	    static createFrom(source: any = {}) {
	        return new Mapping(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.companyId = source["companyId"];
	        this.company = source["company"];
	        this.firstName = source["firstName"];
	        this.lastName = source["lastName"];
	        this.displayName = source["displayName"];
	        this.title = source["title"];
	        this.emails = source["emails"];
	        this.phones = source["phones"];
	        this.active = source["active"];
	        this.inactive = source["inactive"];
	    }
	}

}

export namespace doctor {
	
	export class Check {
	    name: string;
	    ok: boolean;
	    detail: string;
	
	    static createFrom(source: any = {}) {
	        return new Check(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.ok = source["ok"];
	        this.detail = source["detail"];
	    }
	}
	export class Report {
	    checks: Check[];
	    ok: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Report(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.checks = this.convertValues(source["checks"], Check);
	        this.ok = source["ok"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace events {
	
	export class Names {
	    syncProgress: string;
	    syncFinished: string;
	    connectStatus: string;
	    exportProgress: string;
	    syncCancel: string;
	    psaProgress: string;
	    psaCancel: string;
	
	    static createFrom(source: any = {}) {
	        return new Names(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.syncProgress = source["syncProgress"];
	        this.syncFinished = source["syncFinished"];
	        this.connectStatus = source["connectStatus"];
	        this.exportProgress = source["exportProgress"];
	        this.syncCancel = source["syncCancel"];
	        this.psaProgress = source["psaProgress"];
	        this.psaCancel = source["psaCancel"];
	    }
	}

}

export namespace main {
	
	export class AppInfo {
	    version: string;
	    demo: boolean;
	    dataDir: string;
	    startErr: string;
	
	    static createFrom(source: any = {}) {
	        return new AppInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.demo = source["demo"];
	        this.dataDir = source["dataDir"];
	        this.startErr = source["startErr"];
	    }
	}
	export class ProbeTarget {
	    page: string;
	    testId: string;
	
	    static createFrom(source: any = {}) {
	        return new ProbeTarget(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.page = source["page"];
	        this.testId = source["testId"];
	    }
	}
	export class ProbeText {
	    page: string;
	    testId: string;
	    text: string;
	    value: string;
	    locale: string;
	    engine: string;
	
	    static createFrom(source: any = {}) {
	        return new ProbeText(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.page = source["page"];
	        this.testId = source["testId"];
	        this.text = source["text"];
	        this.value = source["value"];
	        this.locale = source["locale"];
	        this.engine = source["engine"];
	    }
	}

}

export namespace review {
	
	export class AttentionItem {
	    kind: string;
	    tenantId: string;
	    tenantName: string;
	    clientId: number;
	    clientName: string;
	    detail: string;
	    remedy: string;
	    at: string;
	    skuId: string;
	    skuName: string;
	    assigned: number;
	    purchased: number;
	    fromPct: number;
	    toPct: number;
	
	    static createFrom(source: any = {}) {
	        return new AttentionItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.clientId = source["clientId"];
	        this.clientName = source["clientName"];
	        this.detail = source["detail"];
	        this.remedy = source["remedy"];
	        this.at = source["at"];
	        this.skuId = source["skuId"];
	        this.skuName = source["skuName"];
	        this.assigned = source["assigned"];
	        this.purchased = source["purchased"];
	        this.fromPct = source["fromPct"];
	        this.toPct = source["toPct"];
	    }
	}
	export class Attention {
	    failedSyncs: AttentionItem[];
	    reconnect: AttentionItem[];
	    licences: AttentionItem[];
	    mfaDropped: AttentionItem[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new Attention(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.failedSyncs = this.convertValues(source["failedSyncs"], AttentionItem);
	        this.reconnect = this.convertValues(source["reconnect"], AttentionItem);
	        this.licences = this.convertValues(source["licences"], AttentionItem);
	        this.mfaDropped = this.convertValues(source["mfaDropped"], AttentionItem);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ClientOverviewRow {
	    kind: string;
	    clientId: number;
	    tenantId: string;
	    name: string;
	    tenantIds: string[];
	    tenants: number;
	    synced: number;
	    users: number;
	    licensed: number;
	    mfaAvailable: boolean;
	    mfaCoveragePct: number;
	    unusedLicenses: number;
	    monthlyWaste: number;
	    currency: string;
	    lastSync: string;
	    dataDate: string;
	    status: string;
	    statusDetail: string;
	
	    static createFrom(source: any = {}) {
	        return new ClientOverviewRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.clientId = source["clientId"];
	        this.tenantId = source["tenantId"];
	        this.name = source["name"];
	        this.tenantIds = source["tenantIds"];
	        this.tenants = source["tenants"];
	        this.synced = source["synced"];
	        this.users = source["users"];
	        this.licensed = source["licensed"];
	        this.mfaAvailable = source["mfaAvailable"];
	        this.mfaCoveragePct = source["mfaCoveragePct"];
	        this.unusedLicenses = source["unusedLicenses"];
	        this.monthlyWaste = source["monthlyWaste"];
	        this.currency = source["currency"];
	        this.lastSync = source["lastSync"];
	        this.dataDate = source["dataDate"];
	        this.status = source["status"];
	        this.statusDetail = source["statusDetail"];
	    }
	}
	export class ClientRow {
	    id: number;
	    name: string;
	    source: string;
	    tenantIds: string[];
	    tenants: number;
	    synced: number;
	    contacts: number;
	    users: number;
	    licensed: number;
	    mfaRegistered: number;
	    mfaEligible: number;
	    mfaAvailable: boolean;
	    mfaCoveragePct: number;
	    unusedLicenses: number;
	    monthlySpend: number;
	    monthlyWaste: number;
	    currency: string;
	    matched: number;
	    contactOnly: number;
	    accountOnly: number;
	    findings: number;
	    dataDate: string;
	
	    static createFrom(source: any = {}) {
	        return new ClientRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.source = source["source"];
	        this.tenantIds = source["tenantIds"];
	        this.tenants = source["tenants"];
	        this.synced = source["synced"];
	        this.contacts = source["contacts"];
	        this.users = source["users"];
	        this.licensed = source["licensed"];
	        this.mfaRegistered = source["mfaRegistered"];
	        this.mfaEligible = source["mfaEligible"];
	        this.mfaAvailable = source["mfaAvailable"];
	        this.mfaCoveragePct = source["mfaCoveragePct"];
	        this.unusedLicenses = source["unusedLicenses"];
	        this.monthlySpend = source["monthlySpend"];
	        this.monthlyWaste = source["monthlyWaste"];
	        this.currency = source["currency"];
	        this.matched = source["matched"];
	        this.contactOnly = source["contactOnly"];
	        this.accountOnly = source["accountOnly"];
	        this.findings = source["findings"];
	        this.dataDate = source["dataDate"];
	    }
	}
	export class ClientsOverview {
	    rows: ClientOverviewRow[];
	    sort: string;
	    attention: Attention;
	
	    static createFrom(source: any = {}) {
	        return new ClientsOverview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], ClientOverviewRow);
	        this.sort = source["sort"];
	        this.attention = this.convertValues(source["attention"], Attention);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class StoredSnapshot {
	    runId: number;
	    tenantId: string;
	    date: string;
	    day: string;
	    kept: string;
	    current: boolean;
	
	    static createFrom(source: any = {}) {
	        return new StoredSnapshot(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.runId = source["runId"];
	        this.tenantId = source["tenantId"];
	        this.date = source["date"];
	        this.day = source["day"];
	        this.kept = source["kept"];
	        this.current = source["current"];
	    }
	}
	export class CompareChoices {
	    snapshots: StoredSnapshot[];
	    days: string[];
	
	    static createFrom(source: any = {}) {
	        return new CompareChoices(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.snapshots = this.convertValues(source["snapshots"], StoredSnapshot);
	        this.days = source["days"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CompareQuery {
	    tenantId: string;
	    clientId: number;
	    from: string;
	    to: string;
	    fromRunId: number;
	    toRunId: number;
	
	    static createFrom(source: any = {}) {
	        return new CompareQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.clientId = source["clientId"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.fromRunId = source["fromRunId"];
	        this.toRunId = source["toRunId"];
	    }
	}
	export class CompareSide {
	    tenantId: string;
	    tenantName: string;
	    fromRunId: number;
	    fromDate: string;
	    toRunId: number;
	    toDate: string;
	
	    static createFrom(source: any = {}) {
	        return new CompareSide(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.fromRunId = source["fromRunId"];
	        this.fromDate = source["fromDate"];
	        this.toRunId = source["toRunId"];
	        this.toDate = source["toDate"];
	    }
	}
	export class CompareTotals {
	    usersAdded: number;
	    usersRemoved: number;
	    licencesGained: number;
	    licencesLost: number;
	    mfaRegistered: number;
	    mfaLost: number;
	    disabled: number;
	    reenabled: number;
	    costGained: number;
	    costLost: number;
	    costChange: number;
	    costAdded: number;
	    costRemoved: number;
	    costLicencesGained: number;
	    costLicencesLost: number;
	    currency: string;
	
	    static createFrom(source: any = {}) {
	        return new CompareTotals(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.usersAdded = source["usersAdded"];
	        this.usersRemoved = source["usersRemoved"];
	        this.licencesGained = source["licencesGained"];
	        this.licencesLost = source["licencesLost"];
	        this.mfaRegistered = source["mfaRegistered"];
	        this.mfaLost = source["mfaLost"];
	        this.disabled = source["disabled"];
	        this.reenabled = source["reenabled"];
	        this.costGained = source["costGained"];
	        this.costLost = source["costLost"];
	        this.costChange = source["costChange"];
	        this.costAdded = source["costAdded"];
	        this.costRemoved = source["costRemoved"];
	        this.costLicencesGained = source["costLicencesGained"];
	        this.costLicencesLost = source["costLicencesLost"];
	        this.currency = source["currency"];
	    }
	}
	export class MFAChange {
	    tenantId: string;
	    tenantName: string;
	    userId: string;
	    userPrincipalName: string;
	    displayName: string;
	    from: string;
	    to: string;
	
	    static createFrom(source: any = {}) {
	        return new MFAChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.userId = source["userId"];
	        this.userPrincipalName = source["userPrincipalName"];
	        this.displayName = source["displayName"];
	        this.from = source["from"];
	        this.to = source["to"];
	    }
	}
	export class LicenceChange {
	    tenantId: string;
	    tenantName: string;
	    userId: string;
	    userPrincipalName: string;
	    displayName: string;
	    skuId: string;
	    partNumber: string;
	    name: string;
	    monthlyCost: number;
	    currency: string;
	
	    static createFrom(source: any = {}) {
	        return new LicenceChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.userId = source["userId"];
	        this.userPrincipalName = source["userPrincipalName"];
	        this.displayName = source["displayName"];
	        this.skuId = source["skuId"];
	        this.partNumber = source["partNumber"];
	        this.name = source["name"];
	        this.monthlyCost = source["monthlyCost"];
	        this.currency = source["currency"];
	    }
	}
	export class UserChange {
	    tenantId: string;
	    tenantName: string;
	    userId: string;
	    userPrincipalName: string;
	    displayName: string;
	    licenses: string[];
	    monthlyCost: number;
	    currency: string;
	
	    static createFrom(source: any = {}) {
	        return new UserChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.userId = source["userId"];
	        this.userPrincipalName = source["userPrincipalName"];
	        this.displayName = source["displayName"];
	        this.licenses = source["licenses"];
	        this.monthlyCost = source["monthlyCost"];
	        this.currency = source["currency"];
	    }
	}
	export class Comparison {
	    scope: string;
	    tenantId: string;
	    clientId: number;
	    name: string;
	    from: string;
	    to: string;
	    sides: CompareSide[];
	    added: UserChange[];
	    removed: UserChange[];
	    licencesGained: LicenceChange[];
	    licencesLost: LicenceChange[];
	    mfaRegistered: MFAChange[];
	    mfaLost: MFAChange[];
	    disabled: UserChange[];
	    reenabled: UserChange[];
	    totals: CompareTotals;
	    notes: string[];
	
	    static createFrom(source: any = {}) {
	        return new Comparison(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.scope = source["scope"];
	        this.tenantId = source["tenantId"];
	        this.clientId = source["clientId"];
	        this.name = source["name"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.sides = this.convertValues(source["sides"], CompareSide);
	        this.added = this.convertValues(source["added"], UserChange);
	        this.removed = this.convertValues(source["removed"], UserChange);
	        this.licencesGained = this.convertValues(source["licencesGained"], LicenceChange);
	        this.licencesLost = this.convertValues(source["licencesLost"], LicenceChange);
	        this.mfaRegistered = this.convertValues(source["mfaRegistered"], MFAChange);
	        this.mfaLost = this.convertValues(source["mfaLost"], MFAChange);
	        this.disabled = this.convertValues(source["disabled"], UserChange);
	        this.reenabled = this.convertValues(source["reenabled"], UserChange);
	        this.totals = this.convertValues(source["totals"], CompareTotals);
	        this.notes = source["notes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Connectivity {
	    offline: boolean;
	    reason: string;
	    lastAttemptOffline: boolean;
	    since: string;
	    tenantId: string;
	    tenantName: string;
	    detail: string;
	    offlineTenants: number;
	    probed: boolean;
	    reachable: boolean;
	    lastSuccess: string;
	
	    static createFrom(source: any = {}) {
	        return new Connectivity(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.offline = source["offline"];
	        this.reason = source["reason"];
	        this.lastAttemptOffline = source["lastAttemptOffline"];
	        this.since = source["since"];
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.detail = source["detail"];
	        this.offlineTenants = source["offlineTenants"];
	        this.probed = source["probed"];
	        this.reachable = source["reachable"];
	        this.lastSuccess = source["lastSuccess"];
	    }
	}
	export class ContactRow {
	    match: string;
	    email: string;
	    userPrincipalName: string;
	    contactName: string;
	    contactId: number;
	    contactPsaId: string;
	    contactActive?: boolean;
	    tenantId: string;
	    tenantName: string;
	    userId: string;
	    displayName: string;
	    licenses: string;
	    mfaStatus: string;
	    accountEnabled?: boolean;
	    deleted: boolean;
	    conflicts: string[];
	
	    static createFrom(source: any = {}) {
	        return new ContactRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.match = source["match"];
	        this.email = source["email"];
	        this.userPrincipalName = source["userPrincipalName"];
	        this.contactName = source["contactName"];
	        this.contactId = source["contactId"];
	        this.contactPsaId = source["contactPsaId"];
	        this.contactActive = source["contactActive"];
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.userId = source["userId"];
	        this.displayName = source["displayName"];
	        this.licenses = source["licenses"];
	        this.mfaStatus = source["mfaStatus"];
	        this.accountEnabled = source["accountEnabled"];
	        this.deleted = source["deleted"];
	        this.conflicts = source["conflicts"];
	    }
	}
	export class Count {
	    label: string;
	    value: number;
	
	    static createFrom(source: any = {}) {
	        return new Count(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.label = source["label"];
	        this.value = source["value"];
	    }
	}
	export class ImprovementAction {
	    id: string;
	    title: string;
	    category: string;
	    service: string;
	    points: number;
	    maxScore: number;
	    actionUrl: string;
	
	    static createFrom(source: any = {}) {
	        return new ImprovementAction(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.category = source["category"];
	        this.service = source["service"];
	        this.points = source["points"];
	        this.maxScore = source["maxScore"];
	        this.actionUrl = source["actionUrl"];
	    }
	}
	
	export class LicenseRow {
	    tenantId: string;
	    tenantName: string;
	    skuId: string;
	    name: string;
	    partNumber: string;
	    status: string;
	    purchased: number;
	    suspended: number;
	    warning: number;
	    assigned: number;
	    available: number;
	    flag: string;
	    unitPrice: number;
	    currency: string;
	    monthlyCost: number;
	    unusedCost: number;
	    priced: boolean;
	
	    static createFrom(source: any = {}) {
	        return new LicenseRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.skuId = source["skuId"];
	        this.name = source["name"];
	        this.partNumber = source["partNumber"];
	        this.status = source["status"];
	        this.purchased = source["purchased"];
	        this.suspended = source["suspended"];
	        this.warning = source["warning"];
	        this.assigned = source["assigned"];
	        this.available = source["available"];
	        this.flag = source["flag"];
	        this.unitPrice = source["unitPrice"];
	        this.currency = source["currency"];
	        this.monthlyCost = source["monthlyCost"];
	        this.unusedCost = source["unusedCost"];
	        this.priced = source["priced"];
	    }
	}
	export class LicenseStateRow {
	    tenantId: string;
	    tenantName: string;
	    userId: string;
	    userPrincipalName: string;
	    displayName: string;
	    skuId: string;
	    name: string;
	    partNumber: string;
	    source: string;
	    direct: boolean;
	    groupId: string;
	    groupName: string;
	    disabledPlans: string[];
	    state: string;
	    error: string;
	    errorText: string;
	    lastUpdated: string;
	
	    static createFrom(source: any = {}) {
	        return new LicenseStateRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.userId = source["userId"];
	        this.userPrincipalName = source["userPrincipalName"];
	        this.displayName = source["displayName"];
	        this.skuId = source["skuId"];
	        this.name = source["name"];
	        this.partNumber = source["partNumber"];
	        this.source = source["source"];
	        this.direct = source["direct"];
	        this.groupId = source["groupId"];
	        this.groupName = source["groupName"];
	        this.disabledPlans = source["disabledPlans"];
	        this.state = source["state"];
	        this.error = source["error"];
	        this.errorText = source["errorText"];
	        this.lastUpdated = source["lastUpdated"];
	    }
	}
	export class LicenseStatesView {
	    rows: LicenseStateRow[];
	    errors: LicenseStateRow[];
	    direct: number;
	    inherited: number;
	    dataDate: string;
	    available: boolean;
	    notes: string[];
	
	    static createFrom(source: any = {}) {
	        return new LicenseStatesView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], LicenseStateRow);
	        this.errors = this.convertValues(source["errors"], LicenseStateRow);
	        this.direct = source["direct"];
	        this.inherited = source["inherited"];
	        this.dataDate = source["dataDate"];
	        this.available = source["available"];
	        this.notes = source["notes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LicensesView {
	    rows: LicenseRow[];
	    dataDate: string;
	    monthlyTotal: number;
	    unusedTotal: number;
	    currency: string;
	    flaggedCount: number;
	    catalogUpdatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new LicensesView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], LicenseRow);
	        this.dataDate = source["dataDate"];
	        this.monthlyTotal = source["monthlyTotal"];
	        this.unusedTotal = source["unusedTotal"];
	        this.currency = source["currency"];
	        this.flaggedCount = source["flaggedCount"];
	        this.catalogUpdatedAt = source["catalogUpdatedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class UserRow {
	    tenantId: string;
	    tenantName: string;
	    id: string;
	    displayName: string;
	    userPrincipalName: string;
	    mail: string;
	    department: string;
	    jobTitle: string;
	    userType: string;
	    accountEnabled: boolean;
	    deleted: boolean;
	    resourceAccount: boolean;
	    recipientType: string;
	    licenseNames: string[];
	    licenseParts: string[];
	    mfaStatus: string;
	    mfaSource: string;
	    mfaMethods: string[];
	    mfaDefaultMethod: string;
	    mfaReason: string;
	    isAdmin: boolean;
	    lastSignIn: string;
	    lastActivity: string;
	    lastSeen: string;
	    daysInactive: number;
	    emailsSent: number;
	    emailsRead: number;
	    created: string;
	    mfaEnforcement: string;
	    mfaEnforcementDetail: string;
	    mfaEnforcementPartial: boolean;
	    mfaCombined: string;
	    licenseSources: string[];
	    assignmentErrors: string[];
	    exchangeLast: string;
	    oneDriveLast: string;
	    sharePointLast: string;
	    teamsLast: string;
	    yammerLast: string;
	    skypeLast: string;
	    oneDriveBytes: number;
	    oneDriveFiles: number;
	    teamsChatMessages: number;
	    teamsPrivateMessages: number;
	    teamsCalls: number;
	    teamsMeetings: number;
	
	    static createFrom(source: any = {}) {
	        return new UserRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.id = source["id"];
	        this.displayName = source["displayName"];
	        this.userPrincipalName = source["userPrincipalName"];
	        this.mail = source["mail"];
	        this.department = source["department"];
	        this.jobTitle = source["jobTitle"];
	        this.userType = source["userType"];
	        this.accountEnabled = source["accountEnabled"];
	        this.deleted = source["deleted"];
	        this.resourceAccount = source["resourceAccount"];
	        this.recipientType = source["recipientType"];
	        this.licenseNames = source["licenseNames"];
	        this.licenseParts = source["licenseParts"];
	        this.mfaStatus = source["mfaStatus"];
	        this.mfaSource = source["mfaSource"];
	        this.mfaMethods = source["mfaMethods"];
	        this.mfaDefaultMethod = source["mfaDefaultMethod"];
	        this.mfaReason = source["mfaReason"];
	        this.isAdmin = source["isAdmin"];
	        this.lastSignIn = source["lastSignIn"];
	        this.lastActivity = source["lastActivity"];
	        this.lastSeen = source["lastSeen"];
	        this.daysInactive = source["daysInactive"];
	        this.emailsSent = source["emailsSent"];
	        this.emailsRead = source["emailsRead"];
	        this.created = source["created"];
	        this.mfaEnforcement = source["mfaEnforcement"];
	        this.mfaEnforcementDetail = source["mfaEnforcementDetail"];
	        this.mfaEnforcementPartial = source["mfaEnforcementPartial"];
	        this.mfaCombined = source["mfaCombined"];
	        this.licenseSources = source["licenseSources"];
	        this.assignmentErrors = source["assignmentErrors"];
	        this.exchangeLast = source["exchangeLast"];
	        this.oneDriveLast = source["oneDriveLast"];
	        this.sharePointLast = source["sharePointLast"];
	        this.teamsLast = source["teamsLast"];
	        this.yammerLast = source["yammerLast"];
	        this.skypeLast = source["skypeLast"];
	        this.oneDriveBytes = source["oneDriveBytes"];
	        this.oneDriveFiles = source["oneDriveFiles"];
	        this.teamsChatMessages = source["teamsChatMessages"];
	        this.teamsPrivateMessages = source["teamsPrivateMessages"];
	        this.teamsCalls = source["teamsCalls"];
	        this.teamsMeetings = source["teamsMeetings"];
	    }
	}
	export class MFAView {
	    dataDate: string;
	    available: boolean;
	    reason: string;
	    registered: number;
	    eligible: number;
	    coveragePct: number;
	    unregistered: number;
	    adminsWithout: number;
	    sourceNote: string;
	    byMethod: Count[];
	    rows: UserRow[];
	    enforcement: Count[];
	    combined: Count[];
	    securityNotes: string[];
	
	    static createFrom(source: any = {}) {
	        return new MFAView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dataDate = source["dataDate"];
	        this.available = source["available"];
	        this.reason = source["reason"];
	        this.registered = source["registered"];
	        this.eligible = source["eligible"];
	        this.coveragePct = source["coveragePct"];
	        this.unregistered = source["unregistered"];
	        this.adminsWithout = source["adminsWithout"];
	        this.sourceNote = source["sourceNote"];
	        this.byMethod = this.convertValues(source["byMethod"], Count);
	        this.rows = this.convertValues(source["rows"], UserRow);
	        this.enforcement = this.convertValues(source["enforcement"], Count);
	        this.combined = this.convertValues(source["combined"], Count);
	        this.securityNotes = source["securityNotes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MappingSuggestion {
	    clientId: number;
	    clientName: string;
	    score: number;
	    nameScore: number;
	    domainScore: number;
	    reasons: string[];
	
	    static createFrom(source: any = {}) {
	        return new MappingSuggestion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.clientId = source["clientId"];
	        this.clientName = source["clientName"];
	        this.score = source["score"];
	        this.nameScore = source["nameScore"];
	        this.domainScore = source["domainScore"];
	        this.reasons = source["reasons"];
	    }
	}
	export class MappingRow {
	    tenantId: string;
	    tenantName: string;
	    defaultDomain: string;
	    clientId: number;
	    clientName: string;
	    mappedBy: string;
	    confidence: number;
	    suggestions: MappingSuggestion[];
	    autoMap: boolean;
	    autoReason: string;
	
	    static createFrom(source: any = {}) {
	        return new MappingRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.defaultDomain = source["defaultDomain"];
	        this.clientId = source["clientId"];
	        this.clientName = source["clientName"];
	        this.mappedBy = source["mappedBy"];
	        this.confidence = source["confidence"];
	        this.suggestions = this.convertValues(source["suggestions"], MappingSuggestion);
	        this.autoMap = source["autoMap"];
	        this.autoReason = source["autoReason"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class MappingView {
	    total: number;
	    mapped: number;
	    unmapped: number;
	    threshold: number;
	    tenants: MappingRow[];
	
	    static createFrom(source: any = {}) {
	        return new MappingView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.mapped = source["mapped"];
	        this.unmapped = source["unmapped"];
	        this.threshold = source["threshold"];
	        this.tenants = this.convertValues(source["tenants"], MappingRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Money {
	    currency: string;
	    amount: number;
	
	    static createFrom(source: any = {}) {
	        return new Money(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.currency = source["currency"];
	        this.amount = source["amount"];
	    }
	}
	export class ScorePoint {
	    day: string;
	    current: number;
	    max: number;
	    percent: number;
	
	    static createFrom(source: any = {}) {
	        return new ScorePoint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.day = source["day"];
	        this.current = source["current"];
	        this.max = source["max"];
	        this.percent = source["percent"];
	    }
	}
	export class SecureScoreView {
	    available: boolean;
	    day: string;
	    current: number;
	    max: number;
	    percent: number;
	    since: string;
	    change: number;
	    change30: number;
	    trend: ScorePoint[];
	
	    static createFrom(source: any = {}) {
	        return new SecureScoreView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.available = source["available"];
	        this.day = source["day"];
	        this.current = source["current"];
	        this.max = source["max"];
	        this.percent = source["percent"];
	        this.since = source["since"];
	        this.change = source["change"];
	        this.change30 = source["change30"];
	        this.trend = this.convertValues(source["trend"], ScorePoint);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TenantRow {
	    id: string;
	    displayName: string;
	    defaultDomain: string;
	    connectionId: string;
	    connectionKind: string;
	    access: string;
	    accessDetail: string;
	    roleWarnings: string[];
	    demo: boolean;
	    lastSyncAt: string;
	    lastSyncStatus: string;
	    lastError: string;
	    hasSnapshot: boolean;
	    dataDate: string;
	    users: number;
	    licensed: number;
	    mfaCoveragePct: number;
	    mfaAvailable: boolean;
	    inactive: number;
	    inactiveLicensed: number;
	    inactiveDays: number;
	    unusedLicenses: number;
	    monthlyWaste: number;
	    currency: string;
	    notes: string[];
	    secureScore: SecureScoreView;
	    syncing: boolean;
	    phase: string;
	    done: number;
	    total: number;
	    cooldownS: number;
	
	    static createFrom(source: any = {}) {
	        return new TenantRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.displayName = source["displayName"];
	        this.defaultDomain = source["defaultDomain"];
	        this.connectionId = source["connectionId"];
	        this.connectionKind = source["connectionKind"];
	        this.access = source["access"];
	        this.accessDetail = source["accessDetail"];
	        this.roleWarnings = source["roleWarnings"];
	        this.demo = source["demo"];
	        this.lastSyncAt = source["lastSyncAt"];
	        this.lastSyncStatus = source["lastSyncStatus"];
	        this.lastError = source["lastError"];
	        this.hasSnapshot = source["hasSnapshot"];
	        this.dataDate = source["dataDate"];
	        this.users = source["users"];
	        this.licensed = source["licensed"];
	        this.mfaCoveragePct = source["mfaCoveragePct"];
	        this.mfaAvailable = source["mfaAvailable"];
	        this.inactive = source["inactive"];
	        this.inactiveLicensed = source["inactiveLicensed"];
	        this.inactiveDays = source["inactiveDays"];
	        this.unusedLicenses = source["unusedLicenses"];
	        this.monthlyWaste = source["monthlyWaste"];
	        this.currency = source["currency"];
	        this.notes = source["notes"];
	        this.secureScore = this.convertValues(source["secureScore"], SecureScoreView);
	        this.syncing = source["syncing"];
	        this.phase = source["phase"];
	        this.done = source["done"];
	        this.total = source["total"];
	        this.cooldownS = source["cooldownS"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Overview {
	    tenants: number;
	    synced: number;
	    failing: number;
	    users: number;
	    licensed: number;
	    mfaCoveragePct: number;
	    unusedLicenses: number;
	    monthlyWaste: number;
	    currency: string;
	    wasteByCurrency: Money[];
	    inactive: number;
	    inactiveLicensed: number;
	    inactiveDays: number;
	    rows: TenantRow[];
	
	    static createFrom(source: any = {}) {
	        return new Overview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenants = source["tenants"];
	        this.synced = source["synced"];
	        this.failing = source["failing"];
	        this.users = source["users"];
	        this.licensed = source["licensed"];
	        this.mfaCoveragePct = source["mfaCoveragePct"];
	        this.unusedLicenses = source["unusedLicenses"];
	        this.monthlyWaste = source["monthlyWaste"];
	        this.currency = source["currency"];
	        this.wasteByCurrency = this.convertValues(source["wasteByCurrency"], Money);
	        this.inactive = source["inactive"];
	        this.inactiveLicensed = source["inactiveLicensed"];
	        this.inactiveDays = source["inactiveDays"];
	        this.rows = this.convertValues(source["rows"], TenantRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PosturePolicy {
	    name: string;
	    state: string;
	    excludedUsers: string[];
	    excludedGroups: string[];
	    partial: boolean;
	    partialReasons: string[];
	
	    static createFrom(source: any = {}) {
	        return new PosturePolicy(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.state = source["state"];
	        this.excludedUsers = source["excludedUsers"];
	        this.excludedGroups = source["excludedGroups"];
	        this.partial = source["partial"];
	        this.partialReasons = source["partialReasons"];
	    }
	}
	export class PrivilegedUser {
	    id: string;
	    displayName: string;
	    userPrincipalName: string;
	    roles: string[];
	    mfaStatus: string;
	    mfaEnforcement: string;
	
	    static createFrom(source: any = {}) {
	        return new PrivilegedUser(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.displayName = source["displayName"];
	        this.userPrincipalName = source["userPrincipalName"];
	        this.roles = source["roles"];
	        this.mfaStatus = source["mfaStatus"];
	        this.mfaEnforcement = source["mfaEnforcement"];
	    }
	}
	export class Posture {
	    tenantId: string;
	    tenantName: string;
	    dataDate: string;
	    available: boolean;
	    findings: string[];
	    privilegedWithoutMfa: PrivilegedUser[];
	    privileged: number;
	    securityDefaults: string;
	    conditionalAccess: string;
	    mfaPolicies: PosturePolicy[];
	    reportOnlyPolicies: PosturePolicy[];
	    breakGlass: string[];
	    legacyAuth: string;
	    legacyAuthBy: string;
	    enforcement: Count[];
	    combined: Count[];
	    secureScore: SecureScoreView;
	    topActions: ImprovementAction[];
	    notes: string[];
	
	    static createFrom(source: any = {}) {
	        return new Posture(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.dataDate = source["dataDate"];
	        this.available = source["available"];
	        this.findings = source["findings"];
	        this.privilegedWithoutMfa = this.convertValues(source["privilegedWithoutMfa"], PrivilegedUser);
	        this.privileged = source["privileged"];
	        this.securityDefaults = source["securityDefaults"];
	        this.conditionalAccess = source["conditionalAccess"];
	        this.mfaPolicies = this.convertValues(source["mfaPolicies"], PosturePolicy);
	        this.reportOnlyPolicies = this.convertValues(source["reportOnlyPolicies"], PosturePolicy);
	        this.breakGlass = source["breakGlass"];
	        this.legacyAuth = source["legacyAuth"];
	        this.legacyAuthBy = source["legacyAuthBy"];
	        this.enforcement = this.convertValues(source["enforcement"], Count);
	        this.combined = this.convertValues(source["combined"], Count);
	        this.secureScore = this.convertValues(source["secureScore"], SecureScoreView);
	        this.topActions = this.convertValues(source["topActions"], ImprovementAction);
	        this.notes = source["notes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class TrendPoint {
	    day: string;
	    at: string;
	    runIds: number[];
	    tenants: number;
	    users: number;
	    licensed: number;
	    mfaRegistered: number;
	    mfaEligible: number;
	    mfaAvailable: boolean;
	    mfaCoveragePct: number;
	    unusedLicenses: number;
	    monthlyCost: number;
	    currency: string;
	
	    static createFrom(source: any = {}) {
	        return new TrendPoint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.day = source["day"];
	        this.at = source["at"];
	        this.runIds = source["runIds"];
	        this.tenants = source["tenants"];
	        this.users = source["users"];
	        this.licensed = source["licensed"];
	        this.mfaRegistered = source["mfaRegistered"];
	        this.mfaEligible = source["mfaEligible"];
	        this.mfaAvailable = source["mfaAvailable"];
	        this.mfaCoveragePct = source["mfaCoveragePct"];
	        this.unusedLicenses = source["unusedLicenses"];
	        this.monthlyCost = source["monthlyCost"];
	        this.currency = source["currency"];
	    }
	}
	export class QuarterChange {
	    scope: string;
	    tenantId: string;
	    clientId: number;
	    cutoff: string;
	    since: string;
	    current: string;
	    tenants: string[];
	    sinceRunIds: number[];
	    currentRunIds: number[];
	    then: TrendPoint;
	    now: TrendPoint;
	    users: number;
	    licensed: number;
	    mfaCoveragePct?: number;
	    unused: number;
	    monthlyCost?: number;
	    currency: string;
	    notes: string[];
	
	    static createFrom(source: any = {}) {
	        return new QuarterChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.scope = source["scope"];
	        this.tenantId = source["tenantId"];
	        this.clientId = source["clientId"];
	        this.cutoff = source["cutoff"];
	        this.since = source["since"];
	        this.current = source["current"];
	        this.tenants = source["tenants"];
	        this.sinceRunIds = source["sinceRunIds"];
	        this.currentRunIds = source["currentRunIds"];
	        this.then = this.convertValues(source["then"], TrendPoint);
	        this.now = this.convertValues(source["now"], TrendPoint);
	        this.users = source["users"];
	        this.licensed = source["licensed"];
	        this.mfaCoveragePct = source["mfaCoveragePct"];
	        this.unused = source["unused"];
	        this.monthlyCost = source["monthlyCost"];
	        this.currency = source["currency"];
	        this.notes = source["notes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RenewalRow {
	    tenantId: string;
	    tenantName: string;
	    subscriptionId: string;
	    skuId: string;
	    partNumber: string;
	    name: string;
	    status: string;
	    isTrial: boolean;
	    totalLicenses: number;
	    date: string;
	    daysLeft: number;
	    bucket: number;
	    attention: boolean;
	
	    static createFrom(source: any = {}) {
	        return new RenewalRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.subscriptionId = source["subscriptionId"];
	        this.skuId = source["skuId"];
	        this.partNumber = source["partNumber"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.isTrial = source["isTrial"];
	        this.totalLicenses = source["totalLicenses"];
	        this.date = source["date"];
	        this.daysLeft = source["daysLeft"];
	        this.bucket = source["bucket"];
	        this.attention = source["attention"];
	    }
	}
	export class UnusedSeatsRow {
	    tenantId: string;
	    tenantName: string;
	    skuId: string;
	    partNumber: string;
	    name: string;
	    purchased: number;
	    consumed: number;
	    unused: number;
	    renewsAt: string;
	    daysLeft: number;
	    priced: boolean;
	    unitPrice: number;
	    costUntilRenewal: number;
	    currency: string;
	
	    static createFrom(source: any = {}) {
	        return new UnusedSeatsRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.skuId = source["skuId"];
	        this.partNumber = source["partNumber"];
	        this.name = source["name"];
	        this.purchased = source["purchased"];
	        this.consumed = source["consumed"];
	        this.unused = source["unused"];
	        this.renewsAt = source["renewsAt"];
	        this.daysLeft = source["daysLeft"];
	        this.priced = source["priced"];
	        this.unitPrice = source["unitPrice"];
	        this.costUntilRenewal = source["costUntilRenewal"];
	        this.currency = source["currency"];
	    }
	}
	export class RenewalsView {
	    dataDate: string;
	    available: boolean;
	    events: RenewalRow[];
	    trials: RenewalRow[];
	    attention: RenewalRow[];
	    unused: UnusedSeatsRow[];
	    within30: number;
	    within90: number;
	    within365: number;
	    unusedCostTotal: number;
	    currency: string;
	    notes: string[];
	
	    static createFrom(source: any = {}) {
	        return new RenewalsView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dataDate = source["dataDate"];
	        this.available = source["available"];
	        this.events = this.convertValues(source["events"], RenewalRow);
	        this.trials = this.convertValues(source["trials"], RenewalRow);
	        this.attention = this.convertValues(source["attention"], RenewalRow);
	        this.unused = this.convertValues(source["unused"], UnusedSeatsRow);
	        this.within30 = source["within30"];
	        this.within90 = source["within90"];
	        this.within365 = source["within365"];
	        this.unusedCostTotal = source["unusedCostTotal"];
	        this.currency = source["currency"];
	        this.notes = source["notes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RightSizeRow {
	    tenantId: string;
	    tenantName: string;
	    userId: string;
	    userPrincipalName: string;
	    displayName: string;
	    currentSkuId: string;
	    currentName: string;
	    suggestedSkuId: string;
	    suggestedName: string;
	    used: string[];
	    needs: string[];
	    kept: string[];
	    reason: string;
	    currentPrice: number;
	    suggestedPrice: number;
	    monthlySaving: number;
	    annualSaving: number;
	    currency: string;
	    source: string;
	
	    static createFrom(source: any = {}) {
	        return new RightSizeRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.userId = source["userId"];
	        this.userPrincipalName = source["userPrincipalName"];
	        this.displayName = source["displayName"];
	        this.currentSkuId = source["currentSkuId"];
	        this.currentName = source["currentName"];
	        this.suggestedSkuId = source["suggestedSkuId"];
	        this.suggestedName = source["suggestedName"];
	        this.used = source["used"];
	        this.needs = source["needs"];
	        this.kept = source["kept"];
	        this.reason = source["reason"];
	        this.currentPrice = source["currentPrice"];
	        this.suggestedPrice = source["suggestedPrice"];
	        this.monthlySaving = source["monthlySaving"];
	        this.annualSaving = source["annualSaving"];
	        this.currency = source["currency"];
	        this.source = source["source"];
	    }
	}
	export class RightSizeView {
	    rows: RightSizeRow[];
	    windowDays: number;
	    dataDate: string;
	    monthlySaving: number;
	    annualSaving: number;
	    currency: string;
	    notes: string[];
	
	    static createFrom(source: any = {}) {
	        return new RightSizeView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], RightSizeRow);
	        this.windowDays = source["windowDays"];
	        this.dataDate = source["dataDate"];
	        this.monthlySaving = source["monthlySaving"];
	        this.annualSaving = source["annualSaving"];
	        this.currency = source["currency"];
	        this.notes = source["notes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	
	export class Trend {
	    scope: string;
	    tenantId: string;
	    clientId: number;
	    name: string;
	    range: string;
	    since: string;
	    currency: string;
	    points: TrendPoint[];
	    notes: string[];
	
	    static createFrom(source: any = {}) {
	        return new Trend(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.scope = source["scope"];
	        this.tenantId = source["tenantId"];
	        this.clientId = source["clientId"];
	        this.name = source["name"];
	        this.range = source["range"];
	        this.since = source["since"];
	        this.currency = source["currency"];
	        this.points = this.convertValues(source["points"], TrendPoint);
	        this.notes = source["notes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	
	export class UsersView {
	    rows: UserRow[];
	    dataDate: string;
	    notes: string[];
	    inactiveDays: number;
	
	    static createFrom(source: any = {}) {
	        return new UsersView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], UserRow);
	        this.dataDate = source["dataDate"];
	        this.notes = source["notes"];
	        this.inactiveDays = source["inactiveDays"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace services {
	
	export class AutoMapResult {
	    tenantId: string;
	    tenantName: string;
	    mapped: boolean;
	    clientId: number;
	    clientName: string;
	    confidence: number;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new AutoMapResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.mapped = source["mapped"];
	        this.clientId = source["clientId"];
	        this.clientName = source["clientName"];
	        this.confidence = source["confidence"];
	        this.reason = source["reason"];
	    }
	}
	export class ChangedLicence {
	    userId: string;
	    userPrincipalName: string;
	    skuId: string;
	
	    static createFrom(source: any = {}) {
	        return new ChangedLicence(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.userId = source["userId"];
	        this.userPrincipalName = source["userPrincipalName"];
	        this.skuId = source["skuId"];
	    }
	}
	export class ChangedUser {
	    id: string;
	    userPrincipalName: string;
	    displayName: string;
	
	    static createFrom(source: any = {}) {
	        return new ChangedUser(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.userPrincipalName = source["userPrincipalName"];
	        this.displayName = source["displayName"];
	    }
	}
	export class DirectoryChanges {
	    tenantId: string;
	    tenantName: string;
	    added: ChangedUser[];
	    removed: ChangedUser[];
	    disabled: ChangedUser[];
	    licencesGained: ChangedLicence[];
	    licencesLost: ChangedLicence[];
	    mfaRegistered: ChangedUser[];
	    mfaLost: ChangedUser[];
	    notes: string[];
	
	    static createFrom(source: any = {}) {
	        return new DirectoryChanges(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.added = this.convertValues(source["added"], ChangedUser);
	        this.removed = this.convertValues(source["removed"], ChangedUser);
	        this.disabled = this.convertValues(source["disabled"], ChangedUser);
	        this.licencesGained = this.convertValues(source["licencesGained"], ChangedLicence);
	        this.licencesLost = this.convertValues(source["licencesLost"], ChangedLicence);
	        this.mfaRegistered = this.convertValues(source["mfaRegistered"], ChangedUser);
	        this.mfaLost = this.convertValues(source["mfaLost"], ChangedUser);
	        this.notes = source["notes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PSAConnectInput {
	    site: string;
	    companyId: string;
	    clientId: string;
	    publicKey: string;
	    privateKey: string;
	
	    static createFrom(source: any = {}) {
	        return new PSAConnectInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.site = source["site"];
	        this.companyId = source["companyId"];
	        this.clientId = source["clientId"];
	        this.publicKey = source["publicKey"];
	        this.privateKey = source["privateKey"];
	    }
	}
	export class ReclaimItem {
	    userId: string;
	    userPrincipalName: string;
	    displayName: string;
	    reason: string;
	    detail: string;
	    skuId: string;
	    skuName: string;
	    removable: boolean;
	    blocker: string;
	    blockReason: string;
	    group: string;
	    remedy: string;
	    monthlySaving: number;
	    annualSaving: number;
	
	    static createFrom(source: any = {}) {
	        return new ReclaimItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.userId = source["userId"];
	        this.userPrincipalName = source["userPrincipalName"];
	        this.displayName = source["displayName"];
	        this.reason = source["reason"];
	        this.detail = source["detail"];
	        this.skuId = source["skuId"];
	        this.skuName = source["skuName"];
	        this.removable = source["removable"];
	        this.blocker = source["blocker"];
	        this.blockReason = source["blockReason"];
	        this.group = source["group"];
	        this.remedy = source["remedy"];
	        this.monthlySaving = source["monthlySaving"];
	        this.annualSaving = source["annualSaving"];
	    }
	}
	export class ReclaimPlan {
	    tenantId: string;
	    tenantName: string;
	    currency: string;
	    inactiveDays: number;
	    items: ReclaimItem[];
	    removable: number;
	    users: number;
	    monthlySaving: number;
	    annualSaving: number;
	    canApply: boolean;
	    blocker: string;
	    remedy: string;
	    consentedBy: string;
	
	    static createFrom(source: any = {}) {
	        return new ReclaimPlan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.currency = source["currency"];
	        this.inactiveDays = source["inactiveDays"];
	        this.items = this.convertValues(source["items"], ReclaimItem);
	        this.removable = source["removable"];
	        this.users = source["users"];
	        this.monthlySaving = source["monthlySaving"];
	        this.annualSaving = source["annualSaving"];
	        this.canApply = source["canApply"];
	        this.blocker = source["blocker"];
	        this.remedy = source["remedy"];
	        this.consentedBy = source["consentedBy"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReclaimRequest {
	    tenantId: string;
	    inactiveDays: number;
	    users: string[];
	
	    static createFrom(source: any = {}) {
	        return new ReclaimRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.inactiveDays = source["inactiveDays"];
	        this.users = source["users"];
	    }
	}
	export class ReclaimResult {
	    batch: string;
	    tenantId: string;
	    entries: store.AuditEntry[];
	    removed: number;
	    failed: number;
	    notDone: number;
	    monthlySaving: number;
	    annualSaving: number;
	    plan: ReclaimPlan;
	    resync: string;
	    resyncError: string;
	
	    static createFrom(source: any = {}) {
	        return new ReclaimResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.batch = source["batch"];
	        this.tenantId = source["tenantId"];
	        this.entries = this.convertValues(source["entries"], store.AuditEntry);
	        this.removed = source["removed"];
	        this.failed = source["failed"];
	        this.notDone = source["notDone"];
	        this.monthlySaving = source["monthlySaving"];
	        this.annualSaving = source["annualSaving"];
	        this.plan = this.convertValues(source["plan"], ReclaimPlan);
	        this.resync = source["resync"];
	        this.resyncError = source["resyncError"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace store {
	
	export class AuditEntry {
	    id: number;
	    batch: string;
	    tenantId: string;
	    tenantName: string;
	    actor: string;
	    userId: string;
	    userPrincipalName: string;
	    skuId: string;
	    skuName: string;
	    action: string;
	    result: string;
	    reason: string;
	    error: string;
	    remedy: string;
	    monthlySaving: number;
	    currency: string;
	    undoOf: number;
	    undoneBy: number;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    sentAt?: any;
	    // Go type: time
	    finishedAt?: any;
	
	    static createFrom(source: any = {}) {
	        return new AuditEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.batch = source["batch"];
	        this.tenantId = source["tenantId"];
	        this.tenantName = source["tenantName"];
	        this.actor = source["actor"];
	        this.userId = source["userId"];
	        this.userPrincipalName = source["userPrincipalName"];
	        this.skuId = source["skuId"];
	        this.skuName = source["skuName"];
	        this.action = source["action"];
	        this.result = source["result"];
	        this.reason = source["reason"];
	        this.error = source["error"];
	        this.remedy = source["remedy"];
	        this.monthlySaving = source["monthlySaving"];
	        this.currency = source["currency"];
	        this.undoOf = source["undoOf"];
	        this.undoneBy = source["undoneBy"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.sentAt = this.convertValues(source["sentAt"], null);
	        this.finishedAt = this.convertValues(source["finishedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LicenceChanges {
	    tenantId: string;
	    allowed: boolean;
	    consentedBy: string;
	    // Go type: time
	    consentedAt?: any;
	    // Go type: time
	    updatedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new LicenceChanges(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tenantId = source["tenantId"];
	        this.allowed = source["allowed"];
	        this.consentedBy = source["consentedBy"];
	        this.consentedAt = this.convertValues(source["consentedAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace types {
	
	export class ColumnSetting {
	    key: string;
	    label: string;
	    visible: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ColumnSetting(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.visible = source["visible"];
	    }
	}
	export class ContactImport {
	    id: number;
	    source: string;
	    fileName: string;
	    preset: string;
	    encoding: string;
	    rows: number;
	    added: number;
	    updated: number;
	    unchanged: number;
	    deactivated: number;
	    clientsAdded: number;
	    // Go type: time
	    importedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new ContactImport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.source = source["source"];
	        this.fileName = source["fileName"];
	        this.preset = source["preset"];
	        this.encoding = source["encoding"];
	        this.rows = source["rows"];
	        this.added = source["added"];
	        this.updated = source["updated"];
	        this.unchanged = source["unchanged"];
	        this.deactivated = source["deactivated"];
	        this.clientsAdded = source["clientsAdded"];
	        this.importedAt = this.convertValues(source["importedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PartSettings {
	    kind: string;
	    label: string;
	    enabled: boolean;
	    columns: ColumnSetting[];
	
	    static createFrom(source: any = {}) {
	        return new PartSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.label = source["label"];
	        this.enabled = source["enabled"];
	        this.columns = this.convertValues(source["columns"], ColumnSetting);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

