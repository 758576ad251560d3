import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";

let exportUrl = null;

registry.category("web_tour.tours").add("interaction_log_export", {
    steps: () => [
        {
            content: "The contact's form, with its interactions",
            trigger: ".o_form_view button[name='action_view_interactions']:has(.o_stat_value:contains('2'))",
            run() {
                // The download opens in a new window, which a headless browser does not keep:
                // catch its address and fetch it as the browser would.
                browser.open = (url) => {
                    exportUrl = url;
                    return { closed: false };
                };
            },
        },
        {
            content: "Export the contact's interactions",
            trigger: ".o_form_view .o_form_statusbar button[name='action_export_interactions']",
            run: "click",
        },
        {
            content: "A .zip holding the interactions' CSV is downloaded",
            trigger: ".o_form_view",
            async run() {
                for (let attempt = 0; attempt < 50 && !exportUrl; attempt++) {
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                if (!exportUrl || !exportUrl.startsWith("/interaction_log/export/")) {
                    throw new Error(`No export was opened (${exportUrl})`);
                }
                const response = await fetch(exportUrl);
                const type = response.headers.get("Content-Type");
                const disposition = response.headers.get("Content-Disposition") || "";
                const bytes = new Uint8Array(await response.arrayBuffer());
                const text = new TextDecoder("latin1").decode(bytes);
                if (!response.ok || type !== "application/zip") {
                    throw new Error(`The export failed: ${response.status} ${type}`);
                }
                if (!text.startsWith("PK\x03\x04") || !text.includes("interactions.csv")) {
                    throw new Error("The export is not a zip holding interactions.csv");
                }
                if (!disposition.includes("Tour-Export")) {
                    throw new Error(`Unexpected file name: ${disposition}`);
                }
                document.body.classList.add("o_interaction_log_exported");
            },
        },
        {
            content: "The export was checked",
            trigger: "body.o_interaction_log_exported",
        },
    ],
});
