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

}

