import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("interaction_log_analysis", {
    steps: () => [
        {
            content: "The analysis opens as a pivot of templates by month",
            trigger: ".o_pivot_view .o_pivot table",
        },
        {
            content: "with a row per template",
            trigger: ".o_pivot_view .o_pivot th.o_pivot_header_cell_closed:contains('Analysis call')",
        },
        {
            content: "and the cost measure",
            trigger: ".o_pivot_view .o_pivot th:contains('Cost')",
        },
        {
            content: "Switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            trigger: ".o_graph_view .o_graph_canvas_container canvas",
        },
    ],
});
