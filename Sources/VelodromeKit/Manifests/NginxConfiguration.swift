/// The `nginx.conf` in front of a project: Grafana at `/`, InfluxDB's HTTP API under
/// `/influxdb/` and Prometheus under `/prometheus/`, from one address. It runs as a non-root
/// user (pid and temporary files under /tmp), as nginx's unprivileged image does.
package struct NginxConfiguration: Sendable {
    package var listen: Int
    /// `host:port` of each upstream.
    package var grafana: String
    package var influxdb: String
    package var prometheus: String?
    /// Where pid and temporary files go: /tmp in the container, a test's directory here.
    package var runtimeDirectory = "/tmp"

    package init(listen: Int, grafana: String, influxdb: String, prometheus: String?) {
        self.listen = listen
        self.grafana = grafana
        self.influxdb = influxdb
        self.prometheus = prometheus
    }

    package var text: String {
        var text = """
            worker_processes 1;
            pid \(runtimeDirectory)/nginx.pid;
            error_log stderr warn;

            events {
                worker_connections 1024;
            }

            http {
                access_log /dev/stdout;
                client_body_temp_path \(runtimeDirectory)/client_body;
                proxy_temp_path \(runtimeDirectory)/proxy;
                fastcgi_temp_path \(runtimeDirectory)/fastcgi;
                uwsgi_temp_path \(runtimeDirectory)/uwsgi;
                scgi_temp_path \(runtimeDirectory)/scgi;
                # Dashboards send long InfluxQL queries in the URL.
                large_client_header_buffers 4 32k;

                server {
                    listen \(listen);

                    # nginx's own health, for its probes: up whether or not Grafana is.
                    location = /nginx-health {
                        access_log off;
                        return 200 "ok\\n";
                    }

                    location / {
                        proxy_pass http://\(grafana);
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    }

                    # InfluxDB's API without the prefix: /influxdb/query reaches /query.
                    location /influxdb/ {
                        proxy_pass http://\(influxdb)/;
                    }

            """
        if let prometheus {
            text += """

                        # Prometheus serves under /prometheus/ itself (--web.external-url).
                        location /prometheus/ {
                            proxy_pass http://\(prometheus);
                        }

                """
        }
        text += """
                }
            }

            """
        return text
    }
}
