/**
 * qgate's HTTP API as TypeScript types, generated from GET /openapi.json by `npm run generate:client`.
 * Do not edit: change the routes' schemas and regenerate.
 */
export interface paths {
    "/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OpenID Connect discovery document */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claims_supported: string[];
                            grant_types_supported: string[];
                            id_token_signing_alg_values_supported: string[];
                            issuer: string;
                            jwks_uri: string;
                            response_types_supported: string[];
                            scopes_supported: string[];
                            token_endpoint: string;
                            token_endpoint_auth_methods_supported: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/{plan_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Global Catalog entry of a plan (open, standard) or of the service (quantum-computing) */
        get: {
            parameters: {
                query?: {
                    account_id?: string;
                };
                header?: never;
                path: {
                    plan_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backends the instance may use */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            devices: unknown[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backends/{name}/configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backend configuration */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backends/{name}/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backend defaults */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backends/{name}/properties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backend properties */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backends/{name}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backend status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/instance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The instance named by Service-CRN */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backends: string[];
                            guid: string;
                            instance_id: string;
                            name: string;
                            plan_id: string;
                            qctrl_enabled: boolean;
                            region: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/instances/configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The instance's usage limit */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            instance_limit: number | null;
                        };
                    };
                };
            };
        };
        /** Set the instance's monthly usage limit in seconds (null clears it) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        instance_limit: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/instances/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The instance's usage this month and its limit */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the jobs of the instance (count is the total number of matches) */
        get: {
            parameters: {
                query?: {
                    backend?: string;
                    created_after?: string;
                    created_before?: string;
                    exclude_params?: boolean;
                    limit?: number;
                    offset?: number;
                    pending?: boolean;
                    program?: string;
                    session_id?: string;
                    sort?: "ASC" | "DESC";
                    tags?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            jobs: {
                                backend: string;
                                cost: number;
                                created: string;
                                id: string;
                                params?: {
                                    [key: string]: unknown;
                                };
                                program: {
                                    id: string;
                                };
                                session_id?: string;
                                state: {
                                    reason?: string;
                                    reason_code?: number;
                                    status: string;
                                };
                                status: string;
                                tags: string[];
                                usage: {
                                    seconds: number;
                                };
                                user_id: string;
                            }[];
                            limit: number;
                            offset: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Run a primitive (sampler or estimator) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        backend?: string;
                        calibration_id?: string;
                        cost?: number;
                        /** @enum {unknown} */
                        log_level?: "critical" | "error" | "warning" | "info" | "debug";
                        params: {
                            [key: string]: unknown;
                        };
                        private?: boolean;
                        program_id: string;
                        runtime?: string;
                        session_id?: string;
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backend: string;
                            id: string;
                            session_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A job */
        get: {
            parameters: {
                query?: {
                    exclude_params?: boolean;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backend: string;
                            cost: number;
                            created: string;
                            id: string;
                            params?: {
                                [key: string]: unknown;
                            };
                            program: {
                                id: string;
                            };
                            session_id?: string;
                            state: {
                                reason?: string;
                                reason_code?: number;
                                status: string;
                            };
                            status: string;
                            tags: string[];
                            usage: {
                                seconds: number;
                            };
                            user_id: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an ended job and its data */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a queued or running job */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/interim_results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Interim results the job published while it ran (the simulator publishes none: 204) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The job's log */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Timestamps and usage */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The result of a completed job */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace the job's tags */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        tags: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open a session (dedicated) or a batch */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active_ttl?: number;
                        backend?: string;
                        backend_name?: string;
                        instance?: string;
                        interactive_ttl?: number;
                        max_ttl?: number;
                        /** @enum {unknown} */
                        mode: "dedicated" | "batch";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepting_jobs: boolean;
                            activated_at: string | null;
                            backend_name: string;
                            closed_at: string | null;
                            id: string;
                            interactive_ttl: number | null;
                            last_job_started: string | null;
                            max_ttl: number;
                            mode: string;
                            started_at: string;
                            state: string;
                            user_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A session */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepting_jobs: boolean;
                            activated_at: string | null;
                            backend_name: string;
                            closed_at: string | null;
                            id: string;
                            interactive_ttl: number | null;
                            last_job_started: string | null;
                            max_ttl: number;
                            mode: string;
                            started_at: string;
                            state: string;
                            user_id: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Stop (or resume) accepting jobs */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accepting_jobs: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/api/v1/sessions/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Close now: queued jobs will not run, running ones finish */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tags of the instance's jobs that contain the search text */
        get: {
            parameters: {
                query?: {
                    search?: string;
                    type?: "job";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tags: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The instance's usage (older path of /instances/usage) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API versions this server accepts in IBM-API-Version */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            versions: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workloads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The instance's jobs (outside sessions), sessions and batches, with cursor paging (next/previous) */
        get: {
            parameters: {
                query?: {
                    backend?: string;
                    created_after?: string;
                    created_before?: string;
                    limit?: number;
                    mode?: "job" | "session" | "batch";
                    next?: string;
                    previous?: string;
                    search?: string;
                    sort?: "createdAt" | "-createdAt";
                    status?: ("pending" | "in_progress" | "completed" | "failed" | "canceled")[];
                    tags?: string[];
                    user?: "me";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            limit: number;
                            next?: {
                                href: string;
                            };
                            previous?: {
                                href: string;
                            };
                            total_count: number;
                            workloads: {
                                accepting_jobs: boolean | null;
                                backend: string;
                                created: string;
                                ended?: string;
                                id: string;
                                instance: string;
                                mode: string;
                                status: string;
                                status_reason?: string;
                                tags: string[];
                                usage: {
                                    qpu_charge_time_seconds: number;
                                    status: string;
                                };
                                usage_seconds: number;
                                user_id: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Backends the instance may use
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            devices: unknown[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backends/{name}/configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Backend configuration
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backends/{name}/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Backend defaults
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backends/{name}/properties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Backend properties
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backends/{name}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Backend status
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/address": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own IP address, and whether an allowed-addresses list lets it in */
        get: {
            parameters: {
                query?: {
                    /** @description A list as in the identity settings: answers whether it allows this address */
                    allowed_ip_addresses?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Whether allowed_ip_addresses, when given, lets this address in (an invalid list is refused with 400) */
                            allowed?: boolean;
                            /** @description The address requests from this client arrive from (after QGATE_TRUST_PROXY) */
                            ip_address: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/identity/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public keys that verify access tokens (JWKS) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: {
                                alg: string;
                                e: string;
                                kid: string;
                                kty: string;
                                n: string;
                                use: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/identity/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange an API key, a password or a refresh token for an access token */
        post: {
            parameters: {
                query?: {
                    account?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/x-www-form-urlencoded": {
                        account?: string;
                        apikey?: string;
                        client_id?: string;
                        code?: string;
                        code_verifier?: string;
                        /** @description `urn:ibm:params:oauth:grant-type:apikey`, `password`, `refresh_token` or `authorization_code` (federated sign-in, docs/federation.md) */
                        grant_type: string;
                        password?: string;
                        redirect_uri?: string;
                        refresh_token?: string;
                        response_type?: string;
                        scope?: string;
                        username?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            expiration: number;
                            expires_in: number;
                            refresh_token: string;
                            scope: string;
                            token_type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/instance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The instance named by Service-CRN
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backends: string[];
                            guid: string;
                            instance_id: string;
                            name: string;
                            plan_id: string;
                            qctrl_enabled: boolean;
                            region: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/instances/configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The instance's usage limit
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            instance_limit: number | null;
                        };
                    };
                };
            };
        };
        /**
         * Set the instance's monthly usage limit in seconds (null clears it)
         * @deprecated
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        instance_limit: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/instances/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The instance's usage this month and its limit
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the jobs of the instance (count is the total number of matches)
         * @deprecated
         */
        get: {
            parameters: {
                query?: {
                    backend?: string;
                    created_after?: string;
                    created_before?: string;
                    exclude_params?: boolean;
                    limit?: number;
                    offset?: number;
                    pending?: boolean;
                    program?: string;
                    session_id?: string;
                    sort?: "ASC" | "DESC";
                    tags?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            jobs: {
                                backend: string;
                                cost: number;
                                created: string;
                                id: string;
                                params?: {
                                    [key: string]: unknown;
                                };
                                program: {
                                    id: string;
                                };
                                session_id?: string;
                                state: {
                                    reason?: string;
                                    reason_code?: number;
                                    status: string;
                                };
                                status: string;
                                tags: string[];
                                usage: {
                                    seconds: number;
                                };
                                user_id: string;
                            }[];
                            limit: number;
                            offset: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Run a primitive (sampler or estimator)
         * @deprecated
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        backend?: string;
                        calibration_id?: string;
                        cost?: number;
                        /** @enum {unknown} */
                        log_level?: "critical" | "error" | "warning" | "info" | "debug";
                        params: {
                            [key: string]: unknown;
                        };
                        private?: boolean;
                        program_id: string;
                        runtime?: string;
                        session_id?: string;
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backend: string;
                            id: string;
                            session_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A job
         * @deprecated
         */
        get: {
            parameters: {
                query?: {
                    exclude_params?: boolean;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backend: string;
                            cost: number;
                            created: string;
                            id: string;
                            params?: {
                                [key: string]: unknown;
                            };
                            program: {
                                id: string;
                            };
                            session_id?: string;
                            state: {
                                reason?: string;
                                reason_code?: number;
                                status: string;
                            };
                            status: string;
                            tags: string[];
                            usage: {
                                seconds: number;
                            };
                            user_id: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete an ended job and its data
         * @deprecated
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a queued or running job
         * @deprecated
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{id}/interim_results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Interim results the job published while it ran (the simulator publishes none: 204)
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The job's log
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Timestamps and usage
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The result of a completed job
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the job's tags
         * @deprecated
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        tags: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's enabled identity providers (realm, name, sign-in URL); without account_id, those of a single-account deployment */
        get: {
            parameters: {
                query?: {
                    account_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            providers: {
                                login_url: string;
                                name: string;
                                realm_id: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/login/{realm}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Start a federated sign-in: redirects to the identity provider (RFC 8252 / RFC 7636 client parameters) */
        get: {
            parameters: {
                query?: {
                    code_challenge?: string;
                    code_challenge_method?: string;
                    login_hint?: string;
                    redirect_uri?: string;
                    state?: string;
                };
                header?: never;
                path: {
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Location: the identity provider's authorization endpoint */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/login/{realm}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The identity provider's return: redirects to the client with a one-time code (or an error) */
        get: {
            parameters: {
                query?: {
                    code?: string;
                    error?: string;
                    error_description?: string;
                    iss?: string;
                    state?: string;
                };
                header?: never;
                path: {
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Location: the client's redirect_uri with code and state, or error */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open a session (dedicated) or a batch
         * @deprecated
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active_ttl?: number;
                        backend?: string;
                        backend_name?: string;
                        instance?: string;
                        interactive_ttl?: number;
                        max_ttl?: number;
                        /** @enum {unknown} */
                        mode: "dedicated" | "batch";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepting_jobs: boolean;
                            activated_at: string | null;
                            backend_name: string;
                            closed_at: string | null;
                            id: string;
                            interactive_ttl: number | null;
                            last_job_started: string | null;
                            max_ttl: number;
                            mode: string;
                            started_at: string;
                            state: string;
                            user_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A session
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepting_jobs: boolean;
                            activated_at: string | null;
                            backend_name: string;
                            closed_at: string | null;
                            id: string;
                            interactive_ttl: number | null;
                            last_job_started: string | null;
                            max_ttl: number;
                            mode: string;
                            started_at: string;
                            state: string;
                            user_id: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Stop (or resume) accepting jobs
         * @deprecated
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accepting_jobs: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/sessions/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Close now: queued jobs will not run, running ones finish
         * @deprecated
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tags of the instance's jobs that contain the search text
         * @deprecated
         */
        get: {
            parameters: {
                query?: {
                    search?: string;
                    type?: "job";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tags: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The instance's usage (older path of /instances/usage)
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{account_id}/identity_providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the account's identity providers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    account_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            identity_providers: {
                                account_id: string;
                                client_id: string;
                                created_at: string;
                                created_by: string;
                                discovery_url: string;
                                enabled: boolean;
                                entity_tag: string;
                                first_sign_in: string;
                                id: string;
                                issuer: string;
                                /** @description Share with users: the sign-in page of this provider */
                                login_url: string;
                                modified_at: string;
                                modified_by: string;
                                name: string;
                                realm_id: string;
                                /** @description Register this at the provider as the redirect (callback) URI */
                                redirect_uri: string;
                                scopes: string;
                                type: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add an OpenID Connect identity provider */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    account_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        client_id: string;
                        /** @description Write-only: stored encrypted, never returned */
                        client_secret: string;
                        /** @description The provider's issuer URL, or its /.well-known/openid-configuration URL */
                        discovery_url: string;
                        enabled?: boolean;
                        /**
                         * @description `create_user`: a person who signs in for the first time becomes a user at once; `require_invitation`: only people invited by email (the email verified by the provider) may enter
                         * @enum {unknown}
                         */
                        first_sign_in?: "create_user" | "require_invitation";
                        name: string;
                        /** @description Default: oidc-<name as a slug>. Fixed once made: tokens and dynamic rules name it */
                        realm_id?: string;
                        /** @description Space-separated; must include openid. Default: 'openid email profile' */
                        scopes?: string;
                        /** @enum {unknown} */
                        type?: "oidc";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            client_id: string;
                            created_at: string;
                            created_by: string;
                            discovery_url: string;
                            enabled: boolean;
                            entity_tag: string;
                            first_sign_in: string;
                            id: string;
                            issuer: string;
                            /** @description Share with users: the sign-in page of this provider */
                            login_url: string;
                            modified_at: string;
                            modified_by: string;
                            name: string;
                            realm_id: string;
                            /** @description Register this at the provider as the redirect (callback) URI */
                            redirect_uri: string;
                            scopes: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{account_id}/identity_providers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an identity provider */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    account_id: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            client_id: string;
                            created_at: string;
                            created_by: string;
                            discovery_url: string;
                            enabled: boolean;
                            entity_tag: string;
                            first_sign_in: string;
                            id: string;
                            issuer: string;
                            /** @description Share with users: the sign-in page of this provider */
                            login_url: string;
                            modified_at: string;
                            modified_by: string;
                            name: string;
                            realm_id: string;
                            /** @description Register this at the provider as the redirect (callback) URI */
                            redirect_uri: string;
                            scopes: string;
                            type: string;
                        };
                    };
                };
            };
        };
        /** Update, enable or disable an identity provider (If-Match: entity_tag or *); fields left out keep their value */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    account_id: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        client_id?: string;
                        client_secret?: string;
                        discovery_url?: string;
                        enabled?: boolean;
                        /**
                         * @description `create_user`: a person who signs in for the first time becomes a user at once; `require_invitation`: only people invited by email (the email verified by the provider) may enter
                         * @enum {unknown}
                         */
                        first_sign_in?: "create_user" | "require_invitation";
                        name?: string;
                        scopes?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            client_id: string;
                            created_at: string;
                            created_by: string;
                            discovery_url: string;
                            enabled: boolean;
                            entity_tag: string;
                            first_sign_in: string;
                            id: string;
                            issuer: string;
                            /** @description Share with users: the sign-in page of this provider */
                            login_url: string;
                            modified_at: string;
                            modified_by: string;
                            name: string;
                            realm_id: string;
                            /** @description Register this at the provider as the redirect (callback) URI */
                            redirect_uri: string;
                            scopes: string;
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete an identity provider (its users stay; they can no longer sign in through it) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    account_id: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{account_id}/settings/identity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the account's identity settings */
        get: {
            parameters: {
                query?: {
                    include_history?: boolean;
                    resolve_user_mfa?: boolean;
                };
                header?: never;
                path: {
                    account_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            allowed_ip_addresses: string;
                            entity_tag: string;
                            history?: {
                                action: string;
                                iam_id: string;
                                iam_id_account: string;
                                message: string;
                                params: string[];
                                timestamp: string;
                            }[];
                            max_sessions_per_identity: string;
                            mfa: string;
                            restrict_create_platform_apikey: string;
                            restrict_create_service_id: string;
                            restrict_user_domains: {
                                realm_id: string;
                            }[];
                            restrict_user_list_visibility: string;
                            session_expiration_in_seconds: string;
                            session_invalidation_in_seconds: string;
                            system_access_token_expiration_in_seconds: string;
                            system_refresh_token_expiration_in_seconds: string;
                            user_mfa: {
                                iam_id: string;
                                mfa: string;
                            }[];
                        };
                    };
                };
            };
        };
        /** Update the account's identity settings (If-Match: entity_tag or *); fields left out keep their value */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    account_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Comma-separated IPv4/IPv6 addresses and CIDR ranges; empty: any address */
                        allowed_ip_addresses?: string;
                        /** @description NOT_SET (not enforced by qgate) */
                        max_sessions_per_identity?: string;
                        /** @enum {unknown} */
                        mfa?: "NONE" | "NONE_NO_ROPC" | "TOTP" | "TOTP4ALL" | "LEVEL1" | "LEVEL2" | "LEVEL3";
                        /** @enum {unknown} */
                        restrict_create_platform_apikey?: "RESTRICTED" | "NOT_RESTRICTED" | "NOT_SET";
                        /** @enum {unknown} */
                        restrict_create_service_id?: "RESTRICTED" | "NOT_RESTRICTED" | "NOT_SET";
                        restrict_user_domains?: ({
                            realm_id: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        /** @enum {unknown} */
                        restrict_user_list_visibility?: "RESTRICTED" | "NOT_RESTRICTED" | "NOT_SET";
                        /** @description 900–86400, or NOT_SET */
                        session_expiration_in_seconds?: string;
                        /** @description 900–7200, or NOT_SET */
                        session_invalidation_in_seconds?: string;
                        /** @description NOT_SET (QGATE_TOKEN_TTL applies) */
                        system_access_token_expiration_in_seconds?: string;
                        /** @description NOT_SET (QGATE_REFRESH_TOKEN_TTL applies) */
                        system_refresh_token_expiration_in_seconds?: string;
                        user_mfa?: {
                            iam_id: string;
                            mfa: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            allowed_ip_addresses: string;
                            entity_tag: string;
                            history?: {
                                action: string;
                                iam_id: string;
                                iam_id_account: string;
                                message: string;
                                params: string[];
                                timestamp: string;
                            }[];
                            max_sessions_per_identity: string;
                            mfa: string;
                            restrict_create_platform_apikey: string;
                            restrict_create_service_id: string;
                            restrict_user_domains: {
                                realm_id: string;
                            }[];
                            restrict_user_list_visibility: string;
                            session_expiration_in_seconds: string;
                            session_invalidation_in_seconds: string;
                            system_access_token_expiration_in_seconds: string;
                            system_refresh_token_expiration_in_seconds: string;
                            user_mfa: {
                                iam_id: string;
                                mfa: string;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apikeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys */
        get: {
            parameters: {
                query?: {
                    account_id?: string;
                    filter?: string;
                    group_id?: string;
                    iam_id?: string;
                    include_history?: boolean;
                    order?: "asc" | "desc";
                    pagesize?: number;
                    pagetoken?: string;
                    scope?: "entity" | "account";
                    sort?: "name" | "description" | "created_at" | "created_by";
                    type?: "user" | "serviceid";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apikeys: {
                                account_id: string;
                                action_when_leaked: string;
                                activity?: {
                                    authn_count: number;
                                    last_authn?: string;
                                };
                                /** @description The key value: only in the response that created it, empty afterwards */
                                apikey: string;
                                created_at: string;
                                created_by: string;
                                crn: string;
                                description: string;
                                disabled: boolean;
                                entity_tag: string;
                                expires_at?: string;
                                history?: {
                                    action: string;
                                    iam_id: string;
                                    iam_id_account: string;
                                    message: string;
                                    params: string[];
                                    timestamp: string;
                                }[];
                                iam_id: string;
                                id: string;
                                leaked: boolean;
                                locked: boolean;
                                modified_at: string;
                                name: string;
                                support_sessions: boolean;
                            }[];
                            first?: string;
                            limit?: number;
                            next?: string;
                            offset?: number;
                            previous?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an API key (its value is returned only here) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "entity-disable"?: string;
                    "entity-lock"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        account_id?: string;
                        /** @enum {unknown} */
                        action_when_leaked?: "none" | "disable" | "delete";
                        apikey?: string;
                        description?: string;
                        expires_at?: string;
                        iam_id: string;
                        name: string;
                        store_value?: boolean;
                        support_sessions?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            action_when_leaked: string;
                            activity?: {
                                authn_count: number;
                                last_authn?: string;
                            };
                            /** @description The key value: only in the response that created it, empty afterwards */
                            apikey: string;
                            created_at: string;
                            created_by: string;
                            crn: string;
                            description: string;
                            disabled: boolean;
                            entity_tag: string;
                            expires_at?: string;
                            history?: {
                                action: string;
                                iam_id: string;
                                iam_id_account: string;
                                message: string;
                                params: string[];
                                timestamp: string;
                            }[];
                            iam_id: string;
                            id: string;
                            leaked: boolean;
                            locked: boolean;
                            modified_at: string;
                            name: string;
                            support_sessions: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apikeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an API key */
        get: {
            parameters: {
                query?: {
                    include_activity?: boolean;
                    include_history?: boolean;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            action_when_leaked: string;
                            activity?: {
                                authn_count: number;
                                last_authn?: string;
                            };
                            /** @description The key value: only in the response that created it, empty afterwards */
                            apikey: string;
                            created_at: string;
                            created_by: string;
                            crn: string;
                            description: string;
                            disabled: boolean;
                            entity_tag: string;
                            expires_at?: string;
                            history?: {
                                action: string;
                                iam_id: string;
                                iam_id_account: string;
                                message: string;
                                params: string[];
                                timestamp: string;
                            }[];
                            iam_id: string;
                            id: string;
                            leaked: boolean;
                            locked: boolean;
                            modified_at: string;
                            name: string;
                            support_sessions: boolean;
                        };
                    };
                };
            };
        };
        /** Update an API key (If-Match: entity_tag or *) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        action_when_leaked?: "none" | "disable" | "delete";
                        description?: string;
                        expires_at?: string;
                        name?: string;
                        support_sessions?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            action_when_leaked: string;
                            activity?: {
                                authn_count: number;
                                last_authn?: string;
                            };
                            /** @description The key value: only in the response that created it, empty afterwards */
                            apikey: string;
                            created_at: string;
                            created_by: string;
                            crn: string;
                            description: string;
                            disabled: boolean;
                            entity_tag: string;
                            expires_at?: string;
                            history?: {
                                action: string;
                                iam_id: string;
                                iam_id_account: string;
                                message: string;
                                params: string[];
                                timestamp: string;
                            }[];
                            iam_id: string;
                            id: string;
                            leaked: boolean;
                            locked: boolean;
                            modified_at: string;
                            name: string;
                            support_sessions: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete an API key; tokens made from it stop working at once */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apikeys/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable an API key / enable it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /** Disable an API key / enable it */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apikeys/{id}/lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lock an API key (refused for sign-in and changes) / unlock it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /** Lock an API key (refused for sign-in and changes) / unlock it */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apikeys/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the details of an API key by its value (IAM-ApiKey header) */
        get: {
            parameters: {
                query?: {
                    include_history?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            action_when_leaked: string;
                            activity?: {
                                authn_count: number;
                                last_authn?: string;
                            };
                            /** @description The key value: only in the response that created it, empty afterwards */
                            apikey: string;
                            created_at: string;
                            created_by: string;
                            crn: string;
                            description: string;
                            disabled: boolean;
                            entity_tag: string;
                            expires_at?: string;
                            history?: {
                                action: string;
                                iam_id: string;
                                iam_id_account: string;
                                message: string;
                                params: string[];
                                timestamp: string;
                            }[];
                            iam_id: string;
                            id: string;
                            leaked: boolean;
                            locked: boolean;
                            modified_at: string;
                            name: string;
                            support_sessions: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the audit trail */
        get: {
            parameters: {
                query?: {
                    account_id?: string;
                    /** @description An action, or a prefix ending in * (e.g. user-management.*) */
                    action?: string;
                    /** @description IAM id of the actor */
                    actor?: string;
                    from?: string;
                    /** @description Also events of no account: anonymous refusals, sign-ins with unknown names */
                    include_unattributed?: boolean;
                    limit?: number;
                    outcome?: "success" | "denied" | "failure";
                    start?: string;
                    /** @description Id of the object acted on */
                    target?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                account_id: string | null;
                                action: string;
                                actor: {
                                    iam_id: string | null;
                                    ip: string | null;
                                    type: string;
                                };
                                details: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                outcome: string;
                                request_id: string | null;
                                status_code: number;
                                target: {
                                    id: string;
                                    type: string;
                                } | null;
                                time: string;
                            }[];
                            limit: number;
                            next?: {
                                href: string;
                                start: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the services and plans instances can be made from, with each plan's limits */
        get: {
            parameters: {
                query?: {
                    account_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            resources: {
                                description: string;
                                display_name: string;
                                id: string;
                                name: string;
                                plans: {
                                    description: string;
                                    display_name: string;
                                    id: string;
                                    limits: {
                                        backends: string[];
                                        max_job_cost_seconds: number;
                                        max_qubits: number;
                                        max_sessions: number;
                                        monthly_usage_seconds: number | null;
                                    };
                                    name: string;
                                    pricing_type: string;
                                    regions: string[];
                                }[];
                                regions: string[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog/services/{service}/plans/{plan_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one plan of a service, with its limits */
        get: {
            parameters: {
                query?: {
                    account_id?: string;
                };
                header?: never;
                path: {
                    plan_id: string;
                    service: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            description: string;
                            display_name: string;
                            id: string;
                            limits: {
                                backends: string[];
                                max_job_cost_seconds: number;
                                max_qubits: number;
                                max_sessions: number;
                                monthly_usage_seconds: number | null;
                            };
                            name: string;
                            pricing_type: string;
                            regions: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List policies (paged with start) */
        get: {
            parameters: {
                query: {
                    access_group_id?: string;
                    account_id: string;
                    format?: "include_last_permit" | "display";
                    iam_id?: string;
                    limit?: number;
                    service_group_id?: string;
                    service_name?: string;
                    service_type?: "service" | "platform_service";
                    sort?: string;
                    start?: string;
                    state?: "active" | "deleted";
                    tag_name?: string;
                    tag_value?: string;
                    type?: "access" | "authorization";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            first: {
                                href: string;
                            };
                            limit: number;
                            next?: {
                                href: string;
                                start: string;
                            };
                            policies: {
                                created_at: string;
                                created_by_id: string;
                                description: string;
                                href: string;
                                id: string;
                                last_modified_at: string;
                                last_modified_by_id: string;
                                resources: unknown;
                                roles: {
                                    description: string;
                                    display_name: string;
                                    role_id: string;
                                }[];
                                state: string;
                                subjects: unknown;
                                type: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an access policy */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        resources: unknown[];
                        roles: unknown[];
                        subjects: unknown[];
                        /** @enum {unknown} */
                        type: "access" | "authorization";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            created_by_id: string;
                            description: string;
                            href: string;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            resources: unknown;
                            roles: {
                                description: string;
                                display_name: string;
                                role_id: string;
                            }[];
                            state: string;
                            subjects: unknown;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{policy_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a policy */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    policy_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            created_by_id: string;
                            description: string;
                            href: string;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            resources: unknown;
                            roles: {
                                description: string;
                                display_name: string;
                                role_id: string;
                            }[];
                            state: string;
                            subjects: unknown;
                            type: string;
                        };
                    };
                };
            };
        };
        /** Replace a policy (If-Match required) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    policy_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        resources: unknown[];
                        roles: unknown[];
                        subjects: unknown[];
                        /** @enum {unknown} */
                        type: "access" | "authorization";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            created_by_id: string;
                            description: string;
                            href: string;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            resources: unknown;
                            roles: {
                                description: string;
                                display_name: string;
                                role_id: string;
                            }[];
                            state: string;
                            subjects: unknown;
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a policy */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    policy_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Restore a deleted policy (state: active; If-Match required) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    policy_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        state: "active";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            created_by_id: string;
                            description: string;
                            href: string;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            resources: unknown;
                            roles: {
                                description: string;
                                display_name: string;
                                role_id: string;
                            }[];
                            state: string;
                            subjects: unknown;
                            type: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/serviceids/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List service IDs */
        get: {
            parameters: {
                query?: {
                    account_id?: string;
                    filter?: string;
                    group_id?: string;
                    include_history?: boolean;
                    name?: string;
                    order?: "asc" | "desc";
                    pagesize?: number;
                    pagetoken?: string;
                    show_group_id?: boolean;
                    sort?: "name" | "description" | "created_at" | "modified_at";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            first?: string;
                            limit?: number;
                            next?: string;
                            offset?: number;
                            previous?: string;
                            serviceids: {
                                account_id: string;
                                activity?: {
                                    authn_count: number;
                                    last_authn?: string;
                                };
                                apikey?: {
                                    account_id: string;
                                    action_when_leaked: string;
                                    activity?: {
                                        authn_count: number;
                                        last_authn?: string;
                                    };
                                    /** @description The key value: only in the response that created it, empty afterwards */
                                    apikey: string;
                                    created_at: string;
                                    created_by: string;
                                    crn: string;
                                    description: string;
                                    disabled: boolean;
                                    entity_tag: string;
                                    expires_at?: string;
                                    history?: {
                                        action: string;
                                        iam_id: string;
                                        iam_id_account: string;
                                        message: string;
                                        params: string[];
                                        timestamp: string;
                                    }[];
                                    iam_id: string;
                                    id: string;
                                    leaked: boolean;
                                    locked: boolean;
                                    modified_at: string;
                                    name: string;
                                    support_sessions: boolean;
                                };
                                created_at: string;
                                crn: string;
                                description: string;
                                entity_tag: string;
                                group_id?: string;
                                history?: {
                                    action: string;
                                    iam_id: string;
                                    iam_id_account: string;
                                    message: string;
                                    params: string[];
                                    timestamp: string;
                                }[];
                                iam_id: string;
                                id: string;
                                locked: boolean;
                                modified_at: string;
                                name: string;
                                unique_instance_crns: string[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a service ID (optionally with an API key) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "entity-lock"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        account_id: string;
                        apikey?: {
                            /** @enum {unknown} */
                            action_when_leaked?: "none" | "disable" | "delete";
                            apikey?: string;
                            description?: string;
                            expires_at?: string;
                            name: string;
                            store_value?: boolean;
                        };
                        description?: string;
                        group_id?: string;
                        name: string;
                        unique_instance_crns?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            activity?: {
                                authn_count: number;
                                last_authn?: string;
                            };
                            apikey?: {
                                account_id: string;
                                action_when_leaked: string;
                                activity?: {
                                    authn_count: number;
                                    last_authn?: string;
                                };
                                /** @description The key value: only in the response that created it, empty afterwards */
                                apikey: string;
                                created_at: string;
                                created_by: string;
                                crn: string;
                                description: string;
                                disabled: boolean;
                                entity_tag: string;
                                expires_at?: string;
                                history?: {
                                    action: string;
                                    iam_id: string;
                                    iam_id_account: string;
                                    message: string;
                                    params: string[];
                                    timestamp: string;
                                }[];
                                iam_id: string;
                                id: string;
                                leaked: boolean;
                                locked: boolean;
                                modified_at: string;
                                name: string;
                                support_sessions: boolean;
                            };
                            created_at: string;
                            crn: string;
                            description: string;
                            entity_tag: string;
                            group_id?: string;
                            history?: {
                                action: string;
                                iam_id: string;
                                iam_id_account: string;
                                message: string;
                                params: string[];
                                timestamp: string;
                            }[];
                            iam_id: string;
                            id: string;
                            locked: boolean;
                            modified_at: string;
                            name: string;
                            unique_instance_crns: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/serviceids/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a service ID */
        get: {
            parameters: {
                query?: {
                    include_activity?: boolean;
                    include_history?: boolean;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            activity?: {
                                authn_count: number;
                                last_authn?: string;
                            };
                            apikey?: {
                                account_id: string;
                                action_when_leaked: string;
                                activity?: {
                                    authn_count: number;
                                    last_authn?: string;
                                };
                                /** @description The key value: only in the response that created it, empty afterwards */
                                apikey: string;
                                created_at: string;
                                created_by: string;
                                crn: string;
                                description: string;
                                disabled: boolean;
                                entity_tag: string;
                                expires_at?: string;
                                history?: {
                                    action: string;
                                    iam_id: string;
                                    iam_id_account: string;
                                    message: string;
                                    params: string[];
                                    timestamp: string;
                                }[];
                                iam_id: string;
                                id: string;
                                leaked: boolean;
                                locked: boolean;
                                modified_at: string;
                                name: string;
                                support_sessions: boolean;
                            };
                            created_at: string;
                            crn: string;
                            description: string;
                            entity_tag: string;
                            group_id?: string;
                            history?: {
                                action: string;
                                iam_id: string;
                                iam_id_account: string;
                                message: string;
                                params: string[];
                                timestamp: string;
                            }[];
                            iam_id: string;
                            id: string;
                            locked: boolean;
                            modified_at: string;
                            name: string;
                            unique_instance_crns: string[];
                        };
                    };
                };
            };
        };
        /** Update a service ID (If-Match) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        name?: string;
                        unique_instance_crns?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            activity?: {
                                authn_count: number;
                                last_authn?: string;
                            };
                            apikey?: {
                                account_id: string;
                                action_when_leaked: string;
                                activity?: {
                                    authn_count: number;
                                    last_authn?: string;
                                };
                                /** @description The key value: only in the response that created it, empty afterwards */
                                apikey: string;
                                created_at: string;
                                created_by: string;
                                crn: string;
                                description: string;
                                disabled: boolean;
                                entity_tag: string;
                                expires_at?: string;
                                history?: {
                                    action: string;
                                    iam_id: string;
                                    iam_id_account: string;
                                    message: string;
                                    params: string[];
                                    timestamp: string;
                                }[];
                                iam_id: string;
                                id: string;
                                leaked: boolean;
                                locked: boolean;
                                modified_at: string;
                                name: string;
                                support_sessions: boolean;
                            };
                            created_at: string;
                            crn: string;
                            description: string;
                            entity_tag: string;
                            group_id?: string;
                            history?: {
                                action: string;
                                iam_id: string;
                                iam_id_account: string;
                                message: string;
                                params: string[];
                                timestamp: string;
                            }[];
                            iam_id: string;
                            id: string;
                            locked: boolean;
                            modified_at: string;
                            name: string;
                            unique_instance_crns: string[];
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a service ID and its API keys */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/serviceids/{id}/lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lock a service ID */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /** Unlock a service ID */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/accounts/{account_id}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List invitations */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    state?: "PENDING" | "ACCEPTED" | "REVOKED" | "EXPIRED";
                };
                header?: never;
                path: {
                    account_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            invitations: {
                                access_groups: string[];
                                account_id: string;
                                created_at: string;
                                created_by: string;
                                email: string;
                                expires_at: string;
                                iam_id: string;
                                id: string;
                                last_sent_at: string;
                                send_count: number;
                                /** @description PENDING, ACCEPTED, REVOKED or EXPIRED */
                                state: string;
                            }[];
                            limit: number;
                            offset: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/accounts/{account_id}/invitations/{iam_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an invitation (removes the pending user) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    account_id: string;
                    iam_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/accounts/{account_id}/invitations/{iam_id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the invitation again with a new link (the old link stops working) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    account_id: string;
                    iam_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_groups: string[];
                            account_id: string;
                            created_at: string;
                            created_by: string;
                            email: string;
                            expires_at: string;
                            iam_id: string;
                            id: string;
                            last_sent_at: string;
                            send_count: number;
                            /** @description PENDING, ACCEPTED, REVOKED or EXPIRED */
                            state: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/accounts/{account_id}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the users of an account */
        get: {
            parameters: {
                query?: {
                    _start?: string;
                    include_settings?: boolean;
                    limit?: number;
                    search?: string;
                    user_id?: string;
                };
                header?: never;
                path: {
                    account_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            first_url?: string;
                            limit: number;
                            next_url?: string;
                            resources: {
                                account_id: string;
                                added_on: string;
                                altphonenumber: string;
                                email: string;
                                firstname: string;
                                iam_id: string;
                                id: string;
                                invitedOn?: string;
                                lastname: string;
                                phonenumber: string;
                                photo: string;
                                realm: string;
                                settings?: {
                                    [key: string]: unknown;
                                };
                                state: string;
                                user_id: string;
                            }[];
                            total_results: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Invite users by email */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    account_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        access_groups?: string[];
                        iam_policy?: {
                            resources?: {
                                attributes: {
                                    name: string;
                                    operator?: string;
                                    value: string;
                                }[];
                            }[];
                            roles: {
                                role_id: string;
                            }[];
                            /** @enum {unknown} */
                            type: "access" | "authorization";
                        }[];
                        users: {
                            /** @enum {unknown} */
                            account_role?: "Member";
                            /** Format: email */
                            email: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            resources: {
                                email: string;
                                id: string;
                                state: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/accounts/{account_id}/users/{iam_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user's profile */
        get: {
            parameters: {
                query?: {
                    include_activity?: boolean;
                };
                header?: never;
                path: {
                    account_id: string;
                    iam_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            added_on: string;
                            altphonenumber: string;
                            email: string;
                            firstname: string;
                            iam_id: string;
                            id: string;
                            invitedOn?: string;
                            lastname: string;
                            phonenumber: string;
                            photo: string;
                            realm: string;
                            settings?: {
                                [key: string]: unknown;
                            };
                            state: string;
                            user_id: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a user from the account */
        delete: {
            parameters: {
                query?: {
                    include_activity?: boolean;
                };
                header?: never;
                path: {
                    account_id: string;
                    iam_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Update a user's profile or state (ACTIVE, DISABLED) */
        patch: {
            parameters: {
                query?: {
                    include_activity?: boolean;
                };
                header?: never;
                path: {
                    account_id: string;
                    iam_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        altphonenumber?: string;
                        /** Format: email */
                        email?: string;
                        firstname?: string;
                        lastname?: string;
                        phonenumber?: string;
                        photo?: string;
                        /** @enum {unknown} */
                        state?: "ACTIVE" | "DISABLED";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v2/accounts/{account_id}/users/{iam_id}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user's settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    account_id: string;
                    iam_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowed_ip_addresses: string;
                            language: string;
                            notification_language: string;
                            self_manage: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a user's settings */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    account_id: string;
                    iam_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allowed_ip_addresses?: string;
                        language?: string;
                        notification_language?: string;
                        self_manage?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v2/authz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** May each subject take each action on each resource? (answers in request order) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        action: string;
                        resource: {
                            attributes?: {
                                [key: string]: string;
                            };
                            crn?: string;
                        };
                        subject: {
                            attributes: {
                                id: string;
                                scope?: string;
                            };
                        };
                    }[];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            decisions: {
                                matched: {
                                    access_group_id?: string;
                                    policy_id: string;
                                    role_id: string;
                                }[];
                                permitted: boolean;
                                reason: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/authz/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Why a subject may (or may not) take an action on a resource, policy by policy */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        action: string;
                        resource: {
                            attributes?: {
                                [key: string]: string;
                            };
                            crn?: string;
                        };
                        subject: {
                            attributes: {
                                id: string;
                                scope?: string;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            matched: {
                                access_group_id?: string;
                                policy_id: string;
                                role_id: string;
                            }[];
                            permitted: boolean;
                            reason: string;
                        } & {
                            policies: {
                                access_group_id?: string;
                                grants: boolean;
                                policy_id: string;
                                reasons: string[];
                                role_id?: string;
                                roles: string[];
                                via: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List access groups */
        get: {
            parameters: {
                query?: {
                    account_id?: string;
                    hide_public_access?: boolean;
                    iam_id?: string;
                    limit?: number;
                    membership_type?: "static" | "dynamic" | "all";
                    offset?: number;
                    search?: string;
                    show_crn?: boolean;
                    show_federated?: boolean;
                    sort?: "id" | "name" | "description" | "is_federated" | "-id" | "-name" | "-description" | "-is_federated";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            first?: {
                                href: string;
                            };
                            groups: {
                                account_id: string;
                                created_at: string;
                                created_by_id: string;
                                crn?: string;
                                description: string;
                                href: string;
                                id: string;
                                is_federated: boolean;
                                last_modified_at: string;
                                last_modified_by_id: string;
                                name: string;
                            }[];
                            last?: {
                                href: string;
                            };
                            limit: number;
                            next?: {
                                href: string;
                            };
                            offset: number;
                            previous?: {
                                href: string;
                            };
                            total_count: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an access group */
        post: {
            parameters: {
                query?: {
                    account_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            created_at: string;
                            created_by_id: string;
                            crn?: string;
                            description: string;
                            href: string;
                            id: string;
                            is_federated: boolean;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            name: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/groups/_allgroups/members/{iam_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Add an identity to several access groups */
        put: {
            parameters: {
                query?: {
                    account_id?: string;
                };
                header?: never;
                path: {
                    iam_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        groups: string[];
                        /** @enum {unknown} */
                        type: "user" | "service" | "profile";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                207: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            groups: {
                                access_group_id: string;
                                errors?: {
                                    code: string;
                                    message: string;
                                }[];
                                status_code: number;
                                trace?: string;
                            }[];
                            iam_id: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove an identity from every access group */
        delete: {
            parameters: {
                query?: {
                    account_id?: string;
                };
                header?: never;
                path: {
                    iam_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                207: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            groups: {
                                access_group_id: string;
                                errors?: {
                                    code: string;
                                    message: string;
                                }[];
                                status_code: number;
                                trace?: string;
                            }[];
                            iam_id: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/groups/{access_group_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an access group */
        get: {
            parameters: {
                query?: {
                    show_crn?: boolean;
                    show_federated?: boolean;
                };
                header?: never;
                path: {
                    access_group_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            created_at: string;
                            created_by_id: string;
                            crn?: string;
                            description: string;
                            href: string;
                            id: string;
                            is_federated: boolean;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            name: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an access group (force=true also removes its members, rules and policies) */
        delete: {
            parameters: {
                query?: {
                    force?: boolean;
                };
                header?: never;
                path: {
                    access_group_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Update an access group (If-Match required) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    access_group_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            created_at: string;
                            created_by_id: string;
                            crn?: string;
                            description: string;
                            href: string;
                            id: string;
                            is_federated: boolean;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            name: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v2/groups/{access_group_id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List members */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    membership_type?: "static" | "dynamic" | "all";
                    offset?: number;
                    sort?: "iam_id" | "created_at" | "name" | "email" | "type";
                    type?: "user" | "service" | "profile";
                    verbose?: boolean;
                };
                header?: never;
                path: {
                    access_group_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            first?: {
                                href: string;
                            };
                            last?: {
                                href: string;
                            };
                            limit: number;
                            members: {
                                created_at: string;
                                created_by_id: string;
                                description?: string;
                                email?: string;
                                href: string;
                                iam_id: string;
                                membership_type: string;
                                name?: string;
                                type: string;
                            }[];
                            next?: {
                                href: string;
                            };
                            offset: number;
                            previous?: {
                                href: string;
                            };
                            total_count: number;
                        };
                    };
                };
            };
        };
        /** Add members (a status per member) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    access_group_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        members: {
                            iam_id: string;
                            /** @enum {unknown} */
                            type: "user" | "service" | "profile";
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                207: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            members: {
                                created_at?: string;
                                created_by_id?: string;
                                errors?: {
                                    code: string;
                                    message: string;
                                }[];
                                iam_id: string;
                                status_code: number;
                                trace?: string;
                                type: string;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/groups/{access_group_id}/members/{iam_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    access_group_id: string;
                    iam_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/groups/{access_group_id}/members/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remove several members (a status per member) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    access_group_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        members: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                207: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_group_id: string;
                            members: {
                                errors?: {
                                    code: string;
                                    message: string;
                                }[];
                                iam_id: string;
                                status_code: number;
                                trace: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/groups/{access_group_id}/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List dynamic rules */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    access_group_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rules: {
                                access_group_id: string;
                                account_id: string;
                                conditions: {
                                    claim: string;
                                    operator: string;
                                    value: string;
                                }[];
                                created_at: string;
                                created_by_id: string;
                                expiration: number;
                                id: string;
                                last_modified_at: string;
                                last_modified_by_id: string;
                                name: string;
                                realm_name: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a dynamic rule */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    access_group_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        conditions: {
                            claim: string;
                            /** @enum {unknown} */
                            operator: "EQUALS" | "EQUALS_IGNORE_CASE" | "IN" | "NOT_EQUALS" | "NOT_EQUALS_IGNORE_CASE" | "CONTAINS";
                            value: string;
                        }[];
                        expiration: number;
                        name?: string;
                        realm_name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_group_id: string;
                            account_id: string;
                            conditions: {
                                claim: string;
                                operator: string;
                                value: string;
                            }[];
                            created_at: string;
                            created_by_id: string;
                            expiration: number;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            name: string;
                            realm_name: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/groups/{access_group_id}/rules/{rule_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a dynamic rule */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    access_group_id: string;
                    rule_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_group_id: string;
                            account_id: string;
                            conditions: {
                                claim: string;
                                operator: string;
                                value: string;
                            }[];
                            created_at: string;
                            created_by_id: string;
                            expiration: number;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            name: string;
                            realm_name: string;
                        };
                    };
                };
            };
        };
        /** Replace a dynamic rule (If-Match required) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    access_group_id: string;
                    rule_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        conditions: {
                            claim: string;
                            /** @enum {unknown} */
                            operator: "EQUALS" | "EQUALS_IGNORE_CASE" | "IN" | "NOT_EQUALS" | "NOT_EQUALS_IGNORE_CASE" | "CONTAINS";
                            value: string;
                        }[];
                        expiration: number;
                        name?: string;
                        realm_name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_group_id: string;
                            account_id: string;
                            conditions: {
                                claim: string;
                                operator: string;
                                value: string;
                            }[];
                            created_at: string;
                            created_by_id: string;
                            expiration: number;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            name: string;
                            realm_name: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a dynamic rule */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    access_group_id: string;
                    rule_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/groups/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the access group settings of an account */
        get: {
            parameters: {
                query?: {
                    account_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            public_access_enabled: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update the access group settings (public_access_enabled=false deletes every Public Access policy) */
        patch: {
            parameters: {
                query?: {
                    account_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        public_access_enabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            public_access_enabled: boolean;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v2/invitations/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What an invitation link is for (consumes nothing) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            account_name: string;
                            email: string;
                            expires_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/invitations/{token}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation: set a password and activate the user */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        firstname?: string;
                        lastname?: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            added_on: string;
                            altphonenumber: string;
                            email: string;
                            firstname: string;
                            iam_id: string;
                            id: string;
                            invitedOn?: string;
                            lastname: string;
                            phonenumber: string;
                            photo: string;
                            realm: string;
                            settings?: {
                                [key: string]: unknown;
                            };
                            state: string;
                            user_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List policies (paged with start) */
        get: {
            parameters: {
                query: {
                    access_group_id?: string;
                    account_id: string;
                    format?: "include_last_permit" | "display";
                    iam_id?: string;
                    limit?: number;
                    service_group_id?: string;
                    service_name?: string;
                    service_type?: "service" | "platform_service";
                    sort?: string;
                    start?: string;
                    state?: "active" | "deleted";
                    tag_name?: string;
                    tag_value?: string;
                    type?: "access" | "authorization";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            first: {
                                href: string;
                            };
                            limit: number;
                            next?: {
                                href: string;
                                start: string;
                            };
                            policies: {
                                control: unknown;
                                created_at: string;
                                created_by_id: string;
                                description: string;
                                href: string;
                                id: string;
                                last_modified_at: string;
                                last_modified_by_id: string;
                                pattern?: string;
                                resource: unknown;
                                rule?: unknown;
                                state: string;
                                subject: unknown;
                                type: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an access policy */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        control: unknown;
                        description?: string;
                        pattern?: string;
                        resource: unknown;
                        rule?: unknown;
                        subject: unknown;
                        /** @enum {unknown} */
                        type: "access" | "authorization";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            control: unknown;
                            created_at: string;
                            created_by_id: string;
                            description: string;
                            href: string;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            pattern?: string;
                            resource: unknown;
                            rule?: unknown;
                            state: string;
                            subject: unknown;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/policies/{policy_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a policy */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    policy_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            control: unknown;
                            created_at: string;
                            created_by_id: string;
                            description: string;
                            href: string;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            pattern?: string;
                            resource: unknown;
                            rule?: unknown;
                            state: string;
                            subject: unknown;
                            type: string;
                        };
                    };
                };
            };
        };
        /** Replace a policy (If-Match required) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    policy_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        control: unknown;
                        description?: string;
                        pattern?: string;
                        resource: unknown;
                        rule?: unknown;
                        subject: unknown;
                        /** @enum {unknown} */
                        type: "access" | "authorization";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            control: unknown;
                            created_at: string;
                            created_by_id: string;
                            description: string;
                            href: string;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            pattern?: string;
                            resource: unknown;
                            rule?: unknown;
                            state: string;
                            subject: unknown;
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a policy */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    policy_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Restore a deleted policy (state: active; If-Match required) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    policy_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        state: "active";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            control: unknown;
                            created_at: string;
                            created_by_id: string;
                            description: string;
                            href: string;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            pattern?: string;
                            resource: unknown;
                            rule?: unknown;
                            state: string;
                            subject: unknown;
                            type: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v2/resource_groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the resource groups of your account that you may see */
        get: {
            parameters: {
                query?: {
                    account_id?: string;
                    date?: string;
                    default?: boolean;
                    include_deleted?: boolean;
                    name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            resources: {
                                account_id: string;
                                created_at: string;
                                crn: string;
                                default: boolean;
                                id: string;
                                name: string;
                                resource_linkages: unknown[];
                                state: string;
                                updated_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a resource group */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        account_id?: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            crn: string;
                            id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/resource_groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a resource group */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            created_at: string;
                            crn: string;
                            default: boolean;
                            id: string;
                            name: string;
                            resource_linkages: unknown[];
                            state: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an empty resource group (not the default one) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a resource group or change its state */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @enum {unknown} */
                        state?: "ACTIVE" | "SUSPENDED";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            created_at: string;
                            crn: string;
                            default: boolean;
                            id: string;
                            name: string;
                            resource_linkages: unknown[];
                            state: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v2/resource_instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the service instances you may see (paged with start/next_url) */
        get: {
            parameters: {
                query?: {
                    account_id?: string;
                    guid?: string;
                    limit?: number;
                    name?: string;
                    resource_group_id?: string;
                    resource_id?: string;
                    resource_plan_id?: string;
                    start?: string;
                    state?: "active" | "provisioning" | "inactive" | "failed" | "pending_reclamation" | "pre_provisioning" | "removed";
                    sub_type?: string;
                    type?: string;
                    updated_from?: string;
                    updated_to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            next_url: string | null;
                            resources: {
                                account_id: string;
                                allow_cleanup: boolean;
                                controlled_by: string;
                                created_at: string;
                                created_by: string;
                                crn: string;
                                deleted_at: string | null;
                                deleted_by: string;
                                guid: string;
                                id: string;
                                last_operation: {
                                    async: boolean;
                                    cancelable: boolean;
                                    description: string;
                                    poll: boolean;
                                    state: string;
                                    type: string;
                                    updated_at: string;
                                };
                                locked: boolean;
                                migrated: boolean;
                                name: string;
                                onetime_credentials: boolean;
                                parameters: {
                                    [key: string]: unknown;
                                };
                                plan_history: {
                                    requestor_id: string;
                                    resource_plan_id: string;
                                    start_date: string;
                                }[];
                                region_id: string;
                                reseller_channel_id: string;
                                resource_group_crn: string;
                                resource_group_id: string;
                                resource_id: string;
                                resource_plan_id: string;
                                restored_at: string | null;
                                restored_by: string;
                                scheduled_reclaim_at: string | null;
                                scheduled_reclaim_by: string;
                                state: string;
                                tags: string[];
                                target_crn: string;
                                type: string;
                                updated_at: string;
                                updated_by: string;
                                url: string;
                            }[];
                            rows_count: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a Qiskit Runtime service instance */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allow_cleanup?: boolean;
                        name: string;
                        parameters?: {
                            [key: string]: unknown;
                        };
                        resource_group: string;
                        resource_plan_id: string;
                        tags?: string[];
                        target: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            allow_cleanup: boolean;
                            controlled_by: string;
                            created_at: string;
                            created_by: string;
                            crn: string;
                            deleted_at: string | null;
                            deleted_by: string;
                            guid: string;
                            id: string;
                            last_operation: {
                                async: boolean;
                                cancelable: boolean;
                                description: string;
                                poll: boolean;
                                state: string;
                                type: string;
                                updated_at: string;
                            };
                            locked: boolean;
                            migrated: boolean;
                            name: string;
                            onetime_credentials: boolean;
                            parameters: {
                                [key: string]: unknown;
                            };
                            plan_history: {
                                requestor_id: string;
                                resource_plan_id: string;
                                start_date: string;
                            }[];
                            region_id: string;
                            reseller_channel_id: string;
                            resource_group_crn: string;
                            resource_group_id: string;
                            resource_id: string;
                            resource_plan_id: string;
                            restored_at: string | null;
                            restored_by: string;
                            scheduled_reclaim_at: string | null;
                            scheduled_reclaim_by: string;
                            state: string;
                            tags: string[];
                            target_crn: string;
                            type: string;
                            updated_at: string;
                            updated_by: string;
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/resource_instances/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a service instance by GUID or URL-encoded CRN (deleted ones answer with state removed) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            allow_cleanup: boolean;
                            controlled_by: string;
                            created_at: string;
                            created_by: string;
                            crn: string;
                            deleted_at: string | null;
                            deleted_by: string;
                            guid: string;
                            id: string;
                            last_operation: {
                                async: boolean;
                                cancelable: boolean;
                                description: string;
                                poll: boolean;
                                state: string;
                                type: string;
                                updated_at: string;
                            };
                            locked: boolean;
                            migrated: boolean;
                            name: string;
                            onetime_credentials: boolean;
                            parameters: {
                                [key: string]: unknown;
                            };
                            plan_history: {
                                requestor_id: string;
                                resource_plan_id: string;
                                start_date: string;
                            }[];
                            region_id: string;
                            reseller_channel_id: string;
                            resource_group_crn: string;
                            resource_group_id: string;
                            resource_id: string;
                            resource_plan_id: string;
                            restored_at: string | null;
                            restored_by: string;
                            scheduled_reclaim_at: string | null;
                            scheduled_reclaim_by: string;
                            state: string;
                            tags: string[];
                            target_crn: string;
                            type: string;
                            updated_at: string;
                            updated_by: string;
                            url: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a service instance (its row stays, with state removed) */
        delete: {
            parameters: {
                query?: {
                    recursive?: boolean;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Update a service instance (name, parameters, plan, allow_cleanup) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allow_cleanup?: boolean;
                        name?: string;
                        parameters?: {
                            [key: string]: unknown;
                        };
                        resource_plan_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            allow_cleanup: boolean;
                            controlled_by: string;
                            created_at: string;
                            created_by: string;
                            crn: string;
                            deleted_at: string | null;
                            deleted_by: string;
                            guid: string;
                            id: string;
                            last_operation: {
                                async: boolean;
                                cancelable: boolean;
                                description: string;
                                poll: boolean;
                                state: string;
                                type: string;
                                updated_at: string;
                            };
                            locked: boolean;
                            migrated: boolean;
                            name: string;
                            onetime_credentials: boolean;
                            parameters: {
                                [key: string]: unknown;
                            };
                            plan_history: {
                                requestor_id: string;
                                resource_plan_id: string;
                                start_date: string;
                            }[];
                            region_id: string;
                            reseller_channel_id: string;
                            resource_group_crn: string;
                            resource_group_id: string;
                            resource_id: string;
                            resource_plan_id: string;
                            restored_at: string | null;
                            restored_by: string;
                            scheduled_reclaim_at: string | null;
                            scheduled_reclaim_by: string;
                            state: string;
                            tags: string[];
                            target_crn: string;
                            type: string;
                            updated_at: string;
                            updated_by: string;
                            url: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v2/resource_instances/{id}/lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lock a service instance against update and deletion */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            allow_cleanup: boolean;
                            controlled_by: string;
                            created_at: string;
                            created_by: string;
                            crn: string;
                            deleted_at: string | null;
                            deleted_by: string;
                            guid: string;
                            id: string;
                            last_operation: {
                                async: boolean;
                                cancelable: boolean;
                                description: string;
                                poll: boolean;
                                state: string;
                                type: string;
                                updated_at: string;
                            };
                            locked: boolean;
                            migrated: boolean;
                            name: string;
                            onetime_credentials: boolean;
                            parameters: {
                                [key: string]: unknown;
                            };
                            plan_history: {
                                requestor_id: string;
                                resource_plan_id: string;
                                start_date: string;
                            }[];
                            region_id: string;
                            reseller_channel_id: string;
                            resource_group_crn: string;
                            resource_group_id: string;
                            resource_id: string;
                            resource_plan_id: string;
                            restored_at: string | null;
                            restored_by: string;
                            scheduled_reclaim_at: string | null;
                            scheduled_reclaim_by: string;
                            state: string;
                            tags: string[];
                            target_crn: string;
                            type: string;
                            updated_at: string;
                            updated_by: string;
                            url: string;
                        };
                    };
                };
            };
        };
        /** Unlock a service instance */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            allow_cleanup: boolean;
                            controlled_by: string;
                            created_at: string;
                            created_by: string;
                            crn: string;
                            deleted_at: string | null;
                            deleted_by: string;
                            guid: string;
                            id: string;
                            last_operation: {
                                async: boolean;
                                cancelable: boolean;
                                description: string;
                                poll: boolean;
                                state: string;
                                type: string;
                                updated_at: string;
                            };
                            locked: boolean;
                            migrated: boolean;
                            name: string;
                            onetime_credentials: boolean;
                            parameters: {
                                [key: string]: unknown;
                            };
                            plan_history: {
                                requestor_id: string;
                                resource_plan_id: string;
                                start_date: string;
                            }[];
                            region_id: string;
                            reseller_channel_id: string;
                            resource_group_crn: string;
                            resource_group_id: string;
                            resource_id: string;
                            resource_plan_id: string;
                            restored_at: string | null;
                            restored_by: string;
                            scheduled_reclaim_at: string | null;
                            scheduled_reclaim_by: string;
                            state: string;
                            tags: string[];
                            target_crn: string;
                            type: string;
                            updated_at: string;
                            updated_by: string;
                            url: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List system, service and custom roles */
        get: {
            parameters: {
                query?: {
                    account_id?: string;
                    policy_type?: string;
                    service_group_id?: string;
                    service_name?: string;
                    source_service_name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            custom_roles: {
                                account_id: string;
                                actions: string[];
                                created_at: string;
                                created_by_id: string;
                                crn: string;
                                description: string;
                                display_name: string;
                                href: string;
                                id: string;
                                last_modified_at: string;
                                last_modified_by_id: string;
                                name: string;
                                service_name: string;
                            }[];
                            service_roles: {
                                actions: string[];
                                crn: string;
                                description: string;
                                display_name: string;
                            }[];
                            system_roles: {
                                actions: string[];
                                crn: string;
                                description: string;
                                display_name: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a custom role */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        account_id: string;
                        actions: string[];
                        description?: string;
                        display_name: string;
                        name: string;
                        service_name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            actions: string[];
                            created_at: string;
                            created_by_id: string;
                            crn: string;
                            description: string;
                            display_name: string;
                            href: string;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            name: string;
                            service_name: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/roles/{role_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a custom role */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    role_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            actions: string[];
                            created_at: string;
                            created_by_id: string;
                            crn: string;
                            description: string;
                            display_name: string;
                            href: string;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            name: string;
                            service_name: string;
                        };
                    };
                };
            };
        };
        /** Update a custom role (If-Match required) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    role_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        actions: string[];
                        description?: string;
                        display_name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            actions: string[];
                            created_at: string;
                            created_by_id: string;
                            crn: string;
                            description: string;
                            display_name: string;
                            href: string;
                            id: string;
                            last_modified_at: string;
                            last_modified_by_id: string;
                            name: string;
                            service_name: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a custom role no policy grants */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    role_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/users/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation as a signed-in user (answers 204 once the caller is an active member) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        account_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/accounts/{account_id}/users/{iam_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a user from the account (v3; completes before answering) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    account_id: string;
                    iam_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/resources/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Find the service instances you may see (field:value terms joined by AND; paged with search_cursor) */
        post: {
            parameters: {
                query?: {
                    account_id?: string;
                    is_deleted?: "true" | "false";
                    limit?: number;
                    timeout?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fields?: string[];
                        query: string;
                        search_cursor?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                [key: string]: unknown;
                            }[];
                            limit: number;
                            search_cursor?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * API versions this server accepts in IBM-API-Version
         * @deprecated
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            versions: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workloads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The instance's jobs (outside sessions), sessions and batches, with cursor paging (next/previous)
         * @deprecated
         */
        get: {
            parameters: {
                query?: {
                    backend?: string;
                    created_after?: string;
                    created_before?: string;
                    limit?: number;
                    mode?: "job" | "session" | "batch";
                    next?: string;
                    previous?: string;
                    search?: string;
                    sort?: "createdAt" | "-createdAt";
                    status?: ("pending" | "in_progress" | "completed" | "failed" | "canceled")[];
                    tags?: string[];
                    user?: "me";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            limit: number;
                            next?: {
                                href: string;
                            };
                            previous?: {
                                href: string;
                            };
                            total_count: number;
                            workloads: {
                                accepting_jobs: boolean | null;
                                backend: string;
                                created: string;
                                ended?: string;
                                id: string;
                                instance: string;
                                mode: string;
                                status: string;
                                status_reason?: string;
                                tags: string[];
                                usage: {
                                    qpu_charge_time_seconds: number;
                                    status: string;
                                };
                                usage_seconds: number;
                                user_id: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
